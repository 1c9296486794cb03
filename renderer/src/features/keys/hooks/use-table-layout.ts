import type { OnChangeFn, Updater } from '@tanstack/react-table'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { scopeKey, useTableLayoutStore, type LayoutScope } from '@renderer/stores/table-layout-store'
import type { KeyColumn } from '../key-columns'
import { defaultLayoutState, layoutToState, stateToLayout, type LayoutState } from '../columns/layout-state'

export interface TableLayoutBinding {
  state: LayoutState
  onSortingChange: OnChangeFn<LayoutState['sorting']>
  onGlobalFilterChange: OnChangeFn<LayoutState['globalFilter']>
  onColumnFiltersChange: OnChangeFn<LayoutState['columnFilters']>
  onColumnVisibilityChange: OnChangeFn<LayoutState['columnVisibility']>
  onColumnOrderChange: OnChangeFn<LayoutState['columnOrder']>
  onColumnSizingChange: OnChangeFn<LayoutState['columnSizing']>
}

const apply = <T>(updater: Updater<T>, old: T): T =>
  typeof updater === 'function' ? (updater as (old: T) => T)(old) : updater

/**
 * The key table's sort, filter and column state, remembered per profile and account: read from main
 * when the scope is first shown, saved (debounced, in the store) after each change the user makes.
 * Until the scope is known (an account not chosen yet) the defaults show and nothing is saved.
 */
export function useTableLayout(scope: LayoutScope | null, columns: readonly KeyColumn[]): TableLayoutBinding {
  const key = scope ? scopeKey(scope) : null
  const stored = useTableLayoutStore((s) => (key === null ? undefined : s.layouts[key]))
  const load = useTableLayoutStore((s) => s.load)
  const save = useTableLayoutStore((s) => s.save)
  // What the user changed in this scope; before any change, the stored layout (or the defaults) shows.
  const [held, setHeld] = useState<{ key: string | null; columns: readonly KeyColumn[]; state: LayoutState } | null>(
    null,
  )

  useEffect(() => {
    if (scope) void load(scope)
    // The scope's identity is its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, load])

  const fromStore = useMemo(() => layoutToState(stored ?? null, columns), [stored, columns])
  const fallback = key === null ? defaultLayoutState(columns) : fromStore
  const state = held && held.key === key && held.columns === columns ? held.state : fallback

  // Several changes in one event (Reset sets visibility, order and widths) build on each other.
  const change = useCallback(
    <K extends keyof LayoutState>(field: K, updater: Updater<LayoutState[K]>) =>
      setHeld((before) => {
        const base = before && before.key === key && before.columns === columns ? before.state : fallback
        return { key, columns, state: { ...base, [field]: apply(updater, base[field]) } }
      }),
    [key, columns, fallback],
  )

  // Only the user's changes reach `held`: each is saved (the store debounces the write).
  useEffect(() => {
    if (!held || held.key !== key || held.columns !== columns || !scope) return
    save(scope, stateToLayout(held.state, columns))
    // `scope` is identified by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [held, save])

  return {
    state,
    onSortingChange: (updater) => change('sorting', updater),
    onGlobalFilterChange: (updater) => change('globalFilter', updater),
    onColumnFiltersChange: (updater) => change('columnFilters', updater),
    onColumnVisibilityChange: (updater) => change('columnVisibility', updater),
    onColumnOrderChange: (updater) => change('columnOrder', updater),
    onColumnSizingChange: (updater) => change('columnSizing', updater),
  }
}
