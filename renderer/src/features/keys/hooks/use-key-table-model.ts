import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type SortingState,
  type Table,
} from '@tanstack/react-table'
import { useMemo, useState } from 'react'
import type { KeyList } from '@shared/domain/api-key'
import { isControlColumn, sortsDescendingFirst, type KeyColumn } from '../key-columns'
import type { KeySort, KeySortColumn, KeyView, StatusFilter } from '../key-filter'
import type { ResourceLabels } from '../permission-chips'
import { useKeyRows } from './use-key-rows'

export interface KeyTableModel {
  /** Sorting, filter and column state, and the headers with their sort toggles. */
  table: Table<KeyView>
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

// Name, A to Z (naturally: key-9 before key-10), as the dialects' own consoles list keys.
const DEFAULT_SORT: SortingState = [{ id: 'name', desc: false }]
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
): KeyTableModel {
  const [sorting, setSorting] = useState<SortingState>(DEFAULT_SORT)
  const [globalFilter, setGlobalFilter] = useState('')
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([])
  const defs = useMemo(() => columnDefs(columns), [columns])

  const table = useReactTable<KeyView>({
    data: NO_ROWS,
    columns: defs,
    state: { sorting, globalFilter, columnFilters },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    onColumnFiltersChange: setColumnFilters,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    getCoreRowModel: getCoreRowModel(),
  })

  const status = (columnFilters.find((f) => f.id === 'status')?.value as StatusFilter | undefined) ?? 'all'
  // Filtered in the keystroke's own render: a keystroke costs a few milliseconds (it searches the previous
  // result where it can), and deferring it would show the rows a frame later.
  const text = globalFilter
  const sort = sortOf(sorting, columns)

  const rows = useKeyRows(list, labels, sort, { text, status })

  return {
    table,
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
