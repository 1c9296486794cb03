import { getCoreRowModel, useReactTable, type ColumnDef, type SortingState, type Table } from '@tanstack/react-table'
import { useDeferredValue, useMemo, useRef } from 'react'
import type { KeyList } from '@shared/domain/api-key'
import { isControlColumn, sortsDescendingFirst, type KeyColumn } from '../key-columns'
import {
  filterKeyViews,
  indexKeys,
  narrowsFilter,
  sortKeyViews,
  type KeyFilter,
  type KeySort,
  type KeySortColumn,
  type KeyView,
  type StatusFilter,
} from '../key-filter'
import type { ResourceLabels } from '../permission-chips'
import { useAttentionNarrowing } from '../../overview/use-attention-narrowing'
import type { LayoutScope } from '@renderer/stores/table-layout-store'
import { useTableLayout } from './use-table-layout'

export interface KeyTableModel {
  /** Sorting, filter and column state, and the headers with their sort toggles. */
  table: Table<KeyView>
  /** The columns shown, in their order (the user may hide and move data columns). */
  shownColumns: readonly KeyColumn[]
  /** The keys to show, filtered and sorted. */
  rows: readonly KeyView[]
  total: number
  filterText: string
  setFilterText: (text: string) => void
  status: StatusFilter
  setStatus: (status: StatusFilter) => void
  /** Whether a filter hides any key. */
  filtered: boolean
  sort: KeySort
}

// tanstack builds a Row per data item (1.5 s or more for 100,000 here), so it gets none: it keeps
// the sort and filter state and the column model, and the pure pipeline in key-filter does the work.
const NO_ROWS: KeyView[] = []

function columnDefs(columns: readonly KeyColumn[]): ColumnDef<KeyView>[] {
  return columns.map((id): ColumnDef<KeyView> => {
    if (isControlColumn(id)) return { id, enableSorting: false, enableColumnFilter: false, enableGlobalFilter: false }
    // Never called (the table has no rows); tanstack only sorts columns that have an accessor.
    return {
      id,
      accessorFn: (view) => view.key.id,
      sortDescFirst: sortsDescendingFirst(id),
      enableColumnFilter: id === 'status',
    }
  })
}

function sortOf(sorting: SortingState, columns: readonly KeyColumn[]): KeySort {
  const first = sorting[0]
  if (!first || isControlColumn(first.id as KeyColumn) || !columns.includes(first.id as KeyColumn))
    return { column: 'name', desc: false }
  return { column: first.id as KeySortColumn, desc: first.desc }
}

/** The key table's state in tanstack, and its rows from key-filter's pipeline. */
export function useKeyTableModel(
  list: KeyList | null,
  columns: readonly KeyColumn[],
  labels: ResourceLabels,
  /** Whose remembered layout (columns, sort, filter) this table shows; null until it is known. */
  scope: LayoutScope | null,
): KeyTableModel {
  const { state: layout, ...onLayoutChange } = useTableLayout(scope, columns)
  const { sorting, globalFilter, columnFilters } = layout
  const defs = useMemo(() => columnDefs(columns), [columns])

  const table = useReactTable<KeyView>({
    data: NO_ROWS,
    columns: defs,
    state: layout,
    ...onLayoutChange,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    getCoreRowModel: getCoreRowModel(),
  })

  const status = (columnFilters.find((f) => f.id === 'status')?.value as StatusFilter | undefined) ?? 'all'
  // Typing stays responsive: React renders the keystroke first and the filtered rows after.
  const text = useDeferredValue(globalFilter)
  const sort = sortOf(sorting, columns)
  const shownIds = table.getVisibleLeafColumns().map((column) => column.id as KeyColumn)
  const shownKey = shownIds.join(' ')
  // One array per arrangement: rows are memoized on it.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const shownColumns = useMemo(() => shownIds, [shownKey])

  // "Now" for expiry is when the list was read; a reload brings it up to date.
  const index = useMemo(() => (list ? indexKeys(list.keys, new Date(), labels) : null), [list, labels])
  const { column: sortColumn, desc: sortDesc } = sort
  const sorted = useMemo(
    () => (index ? sortKeyViews(index, { column: sortColumn, desc: sortDesc }) : NO_ROWS),
    [index, sortColumn, sortDesc],
  )
  // The Overview's filter (a tile, a bar or a reminder): only the keys it stands for.
  const narrowed = useAttentionNarrowing(sorted, list?.profileId)

  // Each keystroke that narrows the filter searches the previous result, not the whole list.
  const previous = useRef<{ source: readonly KeyView[]; filter: KeyFilter; rows: readonly KeyView[] } | null>(null)
  const rows = useMemo(() => {
    const filter: KeyFilter = { text, status }
    const last = previous.current
    const source = last && last.source === narrowed && narrowsFilter(filter, last.filter) ? last.rows : narrowed
    const result = filterKeyViews(source, filter)
    previous.current = { source: narrowed, filter, rows: result }
    return result
  }, [narrowed, text, status])

  return {
    table,
    shownColumns,
    rows,
    total: list?.keys.length ?? 0,
    filterText: globalFilter,
    setFilterText: (value) => table.setGlobalFilter(value),
    status,
    setStatus: (value) => table.getColumn('status')?.setFilterValue(value === 'all' ? undefined : value),
    filtered: rows.length !== (list?.keys.length ?? 0),
    sort,
  }
}
