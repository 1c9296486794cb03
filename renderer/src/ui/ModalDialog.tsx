import { useLayoutEffect, useRef, type ReactNode } from 'react'

export interface ModalDialogProps {
  /** The id of the heading that names the dialog. */
  labelledBy: string
  describedBy?: string
  /** `alertdialog` for a confirmation that interrupts the user. */
  role?: 'dialog' | 'alertdialog'
  /** Escape was pressed: the owner decides what closing means (one step back, or closed). */
  onCancel: () => void
  /** The browser closed the dialog on its own (it may ignore a second Escape's preventDefault). */
  onClosed: () => void
  className?: string
  children: ReactNode
}

/**
 * A modal on the native <dialog>: showModal makes the rest of the page inert, keeps focus inside and
 * puts the dialog in the top layer, with no focus-trap code of ours. Mounted means open.
 */
export function ModalDialog({
  labelledBy,
  describedBy,
  role = 'dialog',
  onCancel,
  onClosed,
  className,
  children,
}: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)

  // A layout effect, so the dialog is open before the children's effects move focus into it.
  useLayoutEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    return () => {
      if (dialog.open) dialog.close()
    }
  }, [])

  return (
    <dialog
      ref={ref}
      className={['modal', className].filter(Boolean).join(' ')}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
      onClose={() => {
        // Our own unmount closes a dialog that is already detached; only a close by the browser counts.
        // StrictMode replays effects in development: a close that the replay reopened is not a close.
        if (ref.current?.isConnected && !ref.current.open) onClosed()
      }}
    >
      {children}
    </dialog>
  )
}
