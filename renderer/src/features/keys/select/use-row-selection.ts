import { useCallback, useEffect, useMemo, useRef } from 'react'
import { useSelectionStore } from '@renderer/stores/selection-store'
import type { KeyView } from '../key-filter'

export interface RowSelection {
  /** The ticked ids of this table's scope (empty when the store holds another scope's). */
  selected: ReadonlySet<string>
  /** How many of the rows shown are ticked. */
  shownSelected: number
  /** Ticks or unticks a row; `range` (shift) ticks every row shown between the last ticked one and it. */
  toggle: (keyId: string, range: boolean) => void
  /** Ticks every row shown by the filter, or unticks all when they are all ticked already. */
  toggleAllShown: () => void
}

const none: ReadonlySet<string> = new Set()

/**
 * The table's side of the selection store: scoped to `profileId/accountId`, cleared when the scope
 * changes (another profile or account) and trimmed to the keys still listed after a reload.
 */
export function useRowSelection(scope: string, rows: readonly KeyView[], listedIds: ReadonlySet<string>): RowSelection {
  const storeScope = useSelectionStore((s) => s.scope)
  const storeIds = useSelectionStore((s) => s.selectedIds)
  const selected = storeScope === scope ? storeIds : none
  const rowsRef = useRef(rows)
  rowsRef.current = rows

  useEffect(() => {
    const state = useSelectionStore.getState()
    if (state.scope !== null && state.scope !== scope) state.clear()
  }, [scope])
  useEffect(() => {
    if (useSelectionStore.getState().scope === scope) useSelectionStore.getState().keepOnly(listedIds)
  }, [scope, listedIds])
  // Leaving the table (sign-out, another profile) leaves nothing ticked behind.
  useEffect(() => () => useSelectionStore.getState().clear(), [])

  const shownSelected = useMemo(() => {
    if (selected.size === 0) return 0
    let count = 0
    for (const row of rows) if (selected.has(row.key.id)) count++
    return count
  }, [rows, selected])

  const toggle = useCallback(
    (keyId: string, range: boolean) =>
      useSelectionStore.getState().toggle(scope, keyId, {
        range,
        orderedIds: range ? rowsRef.current.map((row) => row.key.id) : undefined,
      }),
    [scope],
  )

  const toggleAllShown = useCallback(() => {
    const shown = rowsRef.current
    const state = useSelectionStore.getState()
    const current = state.scope === scope ? state.selectedIds : none
    const all = shown.length > 0 && shown.every((row) => current.has(row.key.id))
    if (all) state.clear()
    else
      state.selectOnly(
        scope,
        shown.map((row) => row.key.id),
      )
  }, [scope])

  return { selected, shownSelected, toggle, toggleAllShown }
}
