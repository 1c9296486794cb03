import { useCallback, useLayoutEffect, useRef, useState, type CSSProperties } from 'react'
import { popupPosition, useDismissOnOutside } from '@renderer/ui/popup'

export interface PopupMenu {
  open: boolean
  show: () => void
  /** Closes the menu; `refocus` returns focus to its button (Escape), a click elsewhere does not. */
  close: (refocus: boolean) => void
  buttonRef: React.RefObject<HTMLButtonElement | null>
  menuRef: React.RefObject<HTMLDivElement | null>
  /** `fixed` under the button (above it when there is no room below), hidden until measured. */
  style: CSSProperties
}

/**
 * A menu that pops up from its button, as `ui/Menu` places its own: `fixed`, so a scroll box never
 * clips it; a click outside, a scroll or a resize closes it.
 */
export function usePopupMenu(): PopupMenu {
  const [open, setOpen] = useState(false)
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)

  const close = useCallback((refocus: boolean) => {
    setOpen(false)
    setPosition(null)
    if (refocus) buttonRef.current?.focus()
  }, [])

  useLayoutEffect(() => {
    if (!open || position) return
    const button = buttonRef.current?.getBoundingClientRect()
    const menu = menuRef.current
    if (!button || !menu) return
    setPosition(popupPosition(button, menu, 'start'))
  }, [open, position])

  useDismissOnOutside(open, menuRef, buttonRef, close)

  return {
    open,
    show: () => setOpen(true),
    close,
    buttonRef,
    menuRef,
    style: position ? { top: position.top, left: position.left } : { top: 0, left: 0, opacity: 0 },
  }
}
