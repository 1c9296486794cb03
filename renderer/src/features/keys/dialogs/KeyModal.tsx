import { useRef } from 'react'
import { ModalDialog, type ModalDialogProps } from '@renderer/ui/ModalDialog'

/**
 * The shared ModalDialog, minus one false alarm: under React's StrictMode (development) its effect
 * closes and reopens the <dialog>, and the queued `close` event then arrives while the dialog is open
 * again. Only a dialog that is really closed reports onClosed here.
 */
export function KeyModal({ onClosed, children, ...rest }: ModalDialogProps) {
  const marker = useRef<HTMLSpanElement>(null)
  return (
    <ModalDialog
      {...rest}
      onClosed={() => {
        if (marker.current?.closest('dialog')?.open) return
        onClosed()
      }}
    >
      <span ref={marker} hidden />
      {children}
    </ModalDialog>
  )
}
