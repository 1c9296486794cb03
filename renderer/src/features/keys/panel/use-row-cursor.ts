import type { Virtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react'
import { useKeyPanelStore } from '@renderer/stores/key-panel-store'
import type { KeyView } from '../key-filter'

export interface RowCursor {
  /** The selected row (aria-selected, the table's one tab stop). */
  currentId: string | null
  onKeyDown: (event: KeyboardEvent<HTMLTableSectionElement>) => void
  onClick: (event: MouseEvent<HTMLTableSectionElement>) => void
}

const PAGE = 10
// Clicks on these act on their own; they do not select the row.
const OWN_CLICK = 'button, input, a, select, textarea, [role="menu"], [role="tooltip"]'

function rowOf(target: EventTarget | null): HTMLTableRowElement | null {
  return target instanceof Element ? target.closest<HTMLTableRowElement>('tr[data-key-id]') : null
}

/**
 * The table's keyboard cursor (roving focus over virtualized rows): arrow keys, Home/End and
 * PageUp/PageDown move the selected row, Enter or a click opens it in the detail panel (which then
 * follows the selection), Space ticks it for bulk actions.
 */
export function useRowCursor(
  rows: readonly KeyView[],
  virtualizer: Virtualizer<HTMLDivElement, HTMLTableRowElement>,
  scrollRef: RefObject<HTMLDivElement | null>,
  onTick: (keyId: string, range: boolean) => void,
): RowCursor {
  const panelKeyId = useKeyPanelStore((s) => s.openKeyId)
  const openPanel = useKeyPanelStore((s) => s.open)
  const [currentId, setCurrentId] = useState<string | null>(panelKeyId)
  const focusPending = useRef(false)

  // A key opened from elsewhere (Identify, Overview) becomes the selected row, scrolled into view.
  useEffect(() => {
    if (panelKeyId === null) return
    setCurrentId(panelKeyId)
    const index = rows.findIndex((row) => row.key.id === panelKeyId)
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' })
    // Only when the panel's key changes, not on every new page of rows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [panelKeyId])

  // After a move, focus the row once the virtualizer has rendered it.
  useEffect(() => {
    if (!focusPending.current || currentId === null) return
    const row = scrollRef.current?.querySelector<HTMLTableRowElement>(`tr[data-key-id="${CSS.escape(currentId)}"]`)
    if (row) {
      focusPending.current = false
      row.focus({ preventScroll: true })
    }
  })

  const select = useCallback(
    (index: number) => {
      const row = rows[Math.max(0, Math.min(rows.length - 1, index))]
      if (!row) return
      setCurrentId(row.key.id)
      if (useKeyPanelStore.getState().openKeyId !== null) openPanel(row.key.id)
      focusPending.current = true
      virtualizer.scrollToIndex(rows.indexOf(row), { align: 'auto' })
    },
    [rows, openPanel, virtualizer],
  )

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLTableSectionElement>) => {
      const target = event.target as Element
      if (!target.matches('tr[data-key-id]')) return
      const id = target.getAttribute('data-key-id')!
      const at = rows.findIndex((row) => row.key.id === id)
      const moves: Record<string, number> = {
        ArrowDown: at + 1,
        ArrowUp: at - 1,
        PageDown: at + PAGE,
        PageUp: at - PAGE,
        Home: 0,
        End: rows.length - 1,
      }
      if (event.key in moves) {
        event.preventDefault()
        select(moves[event.key]!)
      } else if (event.key === 'Enter') {
        event.preventDefault()
        setCurrentId(id)
        openPanel(id)
      } else if (event.key === ' ') {
        event.preventDefault()
        onTick(id, event.shiftKey)
      }
    },
    [rows, select, openPanel, onTick],
  )

  const onClick = useCallback(
    (event: MouseEvent<HTMLTableSectionElement>) => {
      const target = event.target as Element
      const row = rowOf(target)
      if (!row || target.closest(OWN_CLICK)) return
      const id = row.getAttribute('data-key-id')!
      setCurrentId(id)
      openPanel(id)
    },
    [openPanel],
  )

  return { currentId, onKeyDown, onClick }
}
