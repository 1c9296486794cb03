import { getCoreRowModel, useReactTable, type ColumnDef, type SortingState, type Table } from '@tanstack/react-table'
import { useMemo } from 'react'
import type { KeyList } from '@shared/domain/api-key'
import { isControlColumn, sortsDescendingFirst, type KeyColumn } from '../key-columns'
import type { KeySort, KeySortColumn, KeyView, StatusFilter } from '../key-filter'
import type { ResourceLabels } from '../permission-chips'
import type { LayoutScope } from '@renderer/stores/table-layout-store'
import { useKeyRows } from './use-key-rows'
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
  const sort = sortOf(sorting, columns)
  const shownIds = table.getVisibleLeafColumns().map((column) => column.id as KeyColumn)
  const shownKey = shownIds.join(' ')
  // One array per arrangement: rows are memoized on it.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const shownColumns = useMemo(() => shownIds, [shownKey])

  // Filtered in the keystroke's own render: a keystroke costs a few milliseconds (it searches the previous
  // result where it can), and deferring it would show the rows a frame later.
  const rows = useKeyRows(list, labels, sort, { text: globalFilter, status })

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
