import { useEffect, type RefObject } from 'react'

/**
 * Where a `fixed` popup goes under its button (above it when there is no room below), kept inside
 * the window; `align` says which of the button's edges it lines up with.
 */
export function popupPosition(
  button: DOMRect,
  popup: HTMLElement,
  align: 'start' | 'end',
): { top: number; left: number } {
  const width = popup.offsetWidth
  const height = popup.offsetHeight
  const below = button.bottom + 4
  const above = button.top - height - 4
  const top = below + height > window.innerHeight && above > 0 ? above : below
  const wanted = align === 'end' ? button.right - width : button.left
  return { top, left: Math.max(4, Math.min(wanted, window.innerWidth - width - 4)) }
}

/** While `open`: a click outside the popup and its button, a scroll outside it or a resize closes it. */
export function useDismissOnOutside(
  open: boolean,
  popupRef: RefObject<HTMLElement | null>,
  buttonRef: RefObject<HTMLElement | null>,
  close: (refocus: boolean) => void,
): void {
  useEffect(() => {
    if (!open) return
    const onPointer = (event: MouseEvent) => {
      const target = event.target as Node
      if (!popupRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false)
    }
    const onScroll = (event: Event) => {
      if (!popupRef.current?.contains(event.target as Node)) close(false)
    }
    document.addEventListener('mousedown', onPointer)
    window.addEventListener('scroll', onScroll, true)
    window.addEventListener('resize', onScroll)
    return () => {
      document.removeEventListener('mousedown', onPointer)
      window.removeEventListener('scroll', onScroll, true)
      window.removeEventListener('resize', onScroll)
    }
  }, [open, close, popupRef, buttonRef])
}
