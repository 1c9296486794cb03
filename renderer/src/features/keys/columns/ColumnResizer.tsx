import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '@shared/contracts/table'
import { clampWidth } from './layout-state'

export interface ColumnResizerProps {
  /** The column's name, for "Resize Status column". */
  title: string
  /** The width the user set; null while the column takes its default width (then it is measured). */
  width: number | null
  onResize: (width: number) => void
}

/** Pixels per arrow key press; Shift moves five times as far. */
const STEP = 10

/**
 * The right edge of a header cell: drag it, or focus it (a `separator` with its width as the value)
 * and press Left/Right (Shift for larger steps), Home for the narrowest.
 */
export function ColumnResizer({ title, width, onResize }: ColumnResizerProps) {
  const ref = useRef<HTMLDivElement>(null)
  const drag = useRef<{ x: number; width: number } | null>(null)
  const [measured, setMeasured] = useState<number | null>(null)

  // The header cell's width as laid out, for the value announced before any resize.
  useEffect(() => {
    const cell = ref.current?.parentElement
    if (!cell) return
    const observer = new ResizeObserver(() => setMeasured(Math.round(cell.getBoundingClientRect().width)))
    observer.observe(cell)
    return () => observer.disconnect()
  }, [])

  const current = (): number => width ?? Math.round(ref.current?.parentElement?.getBoundingClientRect().width ?? 0)
  const now = clampWidth(width ?? measured ?? MIN_COLUMN_WIDTH)

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.shiftKey ? STEP * 5 : STEP
    const to =
      event.key === 'ArrowLeft'
        ? current() - step
        : event.key === 'ArrowRight'
          ? current() + step
          : event.key === 'Home'
            ? MIN_COLUMN_WIDTH
            : null
    if (to === null) return
    event.preventDefault()
    event.stopPropagation()
    onResize(clampWidth(to))
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return
    event.preventDefault()
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { x: event.clientX, width: current() }
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (!drag.current) return
    onResize(clampWidth(drag.current.width + event.clientX - drag.current.x))
  }

  function onPointerEnd(event: PointerEvent<HTMLDivElement>) {
    if (!drag.current) return
    drag.current = null
    event.currentTarget.releasePointerCapture(event.pointerId)
  }

  return (
    <div
      ref={ref}
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${title} column`}
      aria-valuenow={now}
      aria-valuemin={MIN_COLUMN_WIDTH}
      aria-valuemax={MAX_COLUMN_WIDTH}
      tabIndex={0}
      className="column-resizer"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onClick={(event) => event.stopPropagation()}
    />
  )
}
