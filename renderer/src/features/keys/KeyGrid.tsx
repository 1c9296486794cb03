import type { Header } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useId, useLayoutEffect, useMemo, useRef } from 'react'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import type { KeyAccess } from '@shared/domain/key-lifecycle'
import { ColumnResizer } from './columns/ColumnResizer'
import { columnTitle, isControlColumn, type KeyColumn } from './key-columns'
import type { KeyView } from './key-filter'
import { KeyRow } from './KeyRow'
import { useRowCursor } from './panel/use-row-cursor'
import { SelectAllCheckbox } from './select/SelectAllCheckbox'
import { useRowSelection } from './select/use-row-selection'
import type { KeyTableModel } from './hooks/use-key-table-model'

export interface KeyGridProps {
  model: KeyTableModel
  capabilities: DialectCapabilities
  access: KeyAccess | null
  localCopyKeyIds: readonly string[]
  updatingKeyIds: readonly string[]
  loading: boolean
  /** `profileId/accountId`: the scope of the rows ticked for bulk actions. */
  selectionScope: string
  listedIds: ReadonlySet<string>
}

/**
 * Every row is exactly this tall (styles.css: .key-table--virtual .key-row), its cells on one line.
 * Measuring rows instead makes the virtualizer recompute 100,000 offsets after each jump.
 */
const ROW_HEIGHT = 44
const estimateSize = () => ROW_HEIGHT
/** Characters of chips the permissions column has room for at its default width. */
const CHIP_BUDGET = 34
/** About how wide one character of a chip is, its share of the chip's padding and gap included. */
const CHIP_CHAR_PX = 9.5

/** The chips' budget: the default, or as many characters as a width the user gave the column holds. */
const chipBudgetFor = (width: number | undefined): number =>
  width === undefined ? CHIP_BUDGET : Math.max(4, Math.floor(width / CHIP_CHAR_PX))

function ariaSort(header: Header<KeyView, unknown>): 'ascending' | 'descending' | 'none' | undefined {
  if (!header.column.getCanSort()) return undefined
  const sorted = header.column.getIsSorted()
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'
}

/**
 * The table itself: a real <table> that renders only the rows in view, with spacer rows above and
 * below standing in for the rest, under a sticky header, in a scroll box that fills the window.
 */
export function KeyGrid({
  model,
  capabilities,
  access,
  localCopyKeyIds,
  updatingKeyIds,
  loading,
  selectionScope,
  listedIds,
}: KeyGridProps) {
  const { table, rows, shownColumns: columns } = model
  const widths = table.getState().columnSizing
  const chipBudget = chipBudgetFor(widths.permissions)
  // A header's name is its title alone, not its resize handle's label too.
  const titleId = useId()
  const resize = (column: KeyColumn, width: number) => table.setColumnSizing((old) => ({ ...old, [column]: width }))
  const scrollRef = useRef<HTMLDivElement>(null)
  const localCopies = useMemo(() => new Set(localCopyKeyIds), [localCopyKeyIds])
  const updating = updatingKeyIds.length > 0 ? new Set(updatingKeyIds) : null

  // The virtualizer's items are keyed by their index (its default): rows are never measured, so it needs
  // no key of ours, and a new set of rows costs it one pass over plain numbers instead of reading the id of
  // each of up to 100,000 keys. React's keys are the key ids (below).
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 8,
    // React batches the re-render with the frame instead of forcing it inside the scroll event.
    useFlushSync: false,
  })

  // A new filter or order starts at the top, where its first rows are: before the frame is painted, and
  // only when scrolled (the offset the virtualizer learnt from scroll events), so a keystroke at the top
  // forces no layout.
  const { column: sortColumn, desc: sortDesc } = model.sort
  useLayoutEffect(() => {
    const box = scrollRef.current
    if (box && (virtualizer.scrollOffset ?? 0) > 0) box.scrollTop = 0
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sortColumn, sortDesc, model.filterText, model.status])

  const selection = useRowSelection(selectionScope, rows, listedIds)
  const cursor = useRowCursor(rows, virtualizer, scrollRef, selection.toggle)

  const items = virtualizer.getVirtualItems()
  const currentShown = cursor.currentId !== null && items.some((item) => rows[item.index]?.key.id === cursor.currentId)
  const before = items.length > 0 ? items[0]!.start : 0
  const after = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0
  const headers = table.getHeaderGroups()[0]?.headers ?? []

  return (
    <div ref={scrollRef} className="table-scroll table-scroll--virtual" tabIndex={-1}>
      <table
        className={
          capabilities.canDisable ? 'key-table key-table--virtual key-table--toggles' : 'key-table key-table--virtual'
        }
        aria-label="API keys"
        aria-busy={loading}
        aria-rowcount={rows.length + 1}
      >
        <colgroup>
          {columns.map((column) => (
            <col
              key={column}
              className={`key-table__col key-table__col--${column}`}
              style={widths[column] === undefined ? undefined : { width: widths[column] }}
            />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {headers.map((header) => {
              const column = header.column.id as KeyColumn
              const title = columnTitle(column, capabilities)
              if (column === 'select') {
                return (
                  <th key={header.id} scope="col" className="key-table__select">
                    <SelectAllCheckbox
                      shown={rows.length}
                      shownSelected={selection.shownSelected}
                      onToggle={selection.toggleAllShown}
                    />
                  </th>
                )
              }
              const resizer = isControlColumn(column) ? null : (
                <ColumnResizer
                  title={title}
                  width={widths[column] ?? null}
                  onResize={(width) => resize(column, width)}
                />
              )
              const labelledBy = resizer ? `${titleId}-${column}` : undefined
              if (!header.column.getCanSort()) {
                return (
                  <th key={header.id} scope="col" aria-labelledby={labelledBy}>
                    <span id={labelledBy}>{title}</span>
                    {resizer}
                  </th>
                )
              }
              const sorted = header.column.getIsSorted()
              return (
                <th key={header.id} scope="col" aria-sort={ariaSort(header)} aria-labelledby={labelledBy}>
                  <button
                    id={labelledBy}
                    type="button"
                    className="sort-button"
                    onClick={header.column.getToggleSortingHandler()}
                  >
                    {title}
                    <span
                      className={sorted ? 'sort-button__arrow sort-button__arrow--active' : 'sort-button__arrow'}
                      aria-hidden="true"
                    >
                      {sorted === 'desc' ? '▼' : '▲'}
                    </span>
                  </button>
                  {resizer}
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody onKeyDown={cursor.onKeyDown} onClick={cursor.onClick}>
          {before > 0 ? (
            <tr className="key-table__spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: before }} />
            </tr>
          ) : null}
          {items.map((item, at) => {
            const view = rows[item.index]!
            const current = view.key.id === cursor.currentId
            return (
              <KeyRow
                key={view.key.id}
                view={view}
                columns={columns}
                capabilities={capabilities}
                access={access}
                hasLocalCopy={localCopies.has(view.key.id)}
                updating={updating?.has(view.key.id) ?? false}
                index={item.index}
                chipBudget={chipBudget}
                ticked={selection.selected.has(view.key.id)}
                current={current}
                tabStop={currentShown ? current : at === 0}
                onTick={selection.toggle}
              />
            )
          })}
          {after > 0 ? (
            <tr className="key-table__spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: after }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  )
}
