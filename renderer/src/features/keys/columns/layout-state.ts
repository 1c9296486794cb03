import type {
  ColumnFiltersState,
  ColumnOrderState,
  ColumnSizingState,
  SortingState,
  VisibilityState,
} from '@tanstack/react-table'
import {
  layoutStatusFilters,
  MAX_COLUMN_WIDTH,
  MAX_LAYOUT_FILTER_CHARS,
  MIN_COLUMN_WIDTH,
  type TableLayout,
} from '@shared/contracts/table'
import { canHide, isControlColumn, type KeyColumn } from '../key-columns'
import type { StatusFilter } from '../key-filter'

/** The key table's state as tanstack holds it: what a saved layout restores. */
export interface LayoutState {
  sorting: SortingState
  globalFilter: string
  columnFilters: ColumnFiltersState
  columnVisibility: VisibilityState
  columnOrder: ColumnOrderState
  columnSizing: ColumnSizingState
}

// Name, A to Z (naturally: key-9 before key-10), as the dialects' own consoles list keys.
const DEFAULT_SORT: SortingState = [{ id: 'name', desc: false }]

export const clampWidth = (width: number): number =>
  Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)))

/** The columns in their default order, control columns pinned: select first, actions last. */
export function pinnedOrder(columns: readonly KeyColumn[], dataOrder: readonly string[]): ColumnOrderState {
  const data: KeyColumn[] = columns.filter((column) => !isControlColumn(column))
  const known = dataOrder.filter((id): id is KeyColumn => data.includes(id as KeyColumn))
  const rest = data.filter((column) => !known.includes(column))
  const first = columns.includes('select') ? ['select'] : []
  const last = columns.includes('actions') ? ['actions'] : []
  return [...first, ...known, ...rest, ...last]
}

export function defaultLayoutState(columns: readonly KeyColumn[]): LayoutState {
  return {
    sorting: DEFAULT_SORT,
    globalFilter: '',
    columnFilters: [],
    columnVisibility: {},
    columnOrder: pinnedOrder(columns, []),
    columnSizing: {},
  }
}

/**
 * A saved layout as the table's state, for this dialect's columns: a column it does not have (saved
 * for another version, or an account of a different kind) is ignored, as is hiding one that may not hide.
 */
export function layoutToState(layout: TableLayout | null, columns: readonly KeyColumn[]): LayoutState {
  const state = defaultLayoutState(columns)
  if (!layout) return state
  const has = (id: string): id is KeyColumn => columns.includes(id as KeyColumn)
  const sortable = (id: string) => has(id) && !isControlColumn(id)
  return {
    sorting: sortable(layout.sort.column) ? [{ id: layout.sort.column, desc: layout.sort.desc }] : state.sorting,
    globalFilter: layout.filterText,
    columnFilters: layout.status === 'all' ? [] : [{ id: 'status', value: layout.status }],
    columnVisibility: Object.fromEntries(layout.hidden.filter((id) => has(id) && canHide(id)).map((id) => [id, false])),
    columnOrder: pinnedOrder(columns, layout.order),
    columnSizing: Object.fromEntries(
      Object.entries(layout.widths)
        .filter(([id]) => sortable(id))
        .map(([id, width]) => [id, clampWidth(width)]),
    ),
  }
}

/** The state to save: data column ids and numbers, the sort, the filter as typed (if short enough). */
export function stateToLayout(state: LayoutState, columns: readonly KeyColumn[]): TableLayout {
  const data: KeyColumn[] = columns.filter((column) => !isControlColumn(column))
  const status = state.columnFilters.find((f) => f.id === 'status')?.value
  const sort = state.sorting[0]
  return {
    hidden: data.filter((column) => state.columnVisibility[column] === false && canHide(column)),
    order: state.columnOrder.filter((id) => data.includes(id as KeyColumn)),
    widths: Object.fromEntries(
      Object.entries(state.columnSizing)
        .filter(([id]) => data.includes(id as KeyColumn))
        .map(([id, width]) => [id, clampWidth(width)]),
    ),
    sort: sort ? { column: sort.id, desc: sort.desc } : { column: 'name', desc: false },
    // A longer filter is not remembered rather than remembered cut short.
    filterText: state.globalFilter.length <= MAX_LAYOUT_FILTER_CHARS ? state.globalFilter : '',
    status: layoutStatusFilters.includes(status as StatusFilter) ? (status as StatusFilter) : 'all',
  }
}
