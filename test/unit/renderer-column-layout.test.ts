import { describe, expect, it } from 'vitest'
import type { TableLayout } from '@shared/contracts/table'
import { keyColumns } from '@renderer/features/keys/key-columns'
import { defaultLayoutState, layoutToState, stateToLayout } from '@renderer/features/keys/columns/layout-state'
import { moveColumn } from '@renderer/features/keys/columns/move-column'

// The key table's saved layout ↔ its tanstack state, for a dialect's columns: what a saved layout
// restores, and what is ignored (columns this dialect lacks, hiding what may not hide).

const gateway = keyColumns({ hasExpiry: false, hasNotes: false })
const wallet = keyColumns({ hasExpiry: true, hasNotes: true })

const walletLayout: TableLayout = {
  hidden: ['expiry', 'notes'],
  order: ['status', 'name', 'notes', 'expiry', 'permissions', 'lastUsed', 'key'],
  widths: { notes: 300, expiry: 90, key: 140 },
  sort: { column: 'expiry', desc: true },
  filterText: 'acme',
  status: 'expired',
}

describe('column layout state', () => {
  it('restores a layout for the dialect it was saved on, and saves it back unchanged', () => {
    const state = layoutToState(walletLayout, wallet)
    expect(state.columnOrder).toEqual([
      'select',
      'status',
      'name',
      'notes',
      'expiry',
      'permissions',
      'lastUsed',
      'key',
      'actions',
    ])
    expect(state.columnVisibility).toEqual({ expiry: false, notes: false })
    expect(state.sorting).toEqual([{ id: 'expiry', desc: true }])
    expect(state.columnFilters).toEqual([{ id: 'status', value: 'expired' }])
    expect(stateToLayout(state, wallet)).toEqual(walletLayout)
  })

  it('ignores what the dialect does not have: its columns, their widths, a sort on them', () => {
    const state = layoutToState(walletLayout, gateway)
    expect(state.columnOrder).toEqual(['select', 'status', 'name', 'permissions', 'lastUsed', 'key', 'actions'])
    expect(state.columnVisibility).toEqual({})
    expect(state.columnSizing).toEqual({ key: 140 })
    expect(state.sorting).toEqual([{ id: 'name', desc: false }])
    expect(state.globalFilter).toBe('acme')
  })

  it('never hides Name or a control column, and keeps the control columns at the ends', () => {
    const state = layoutToState(
      { ...walletLayout, hidden: ['name', 'select', 'actions', 'key'], order: ['actions', 'key', 'select'] },
      gateway,
    )
    expect(state.columnVisibility).toEqual({ key: false })
    expect(state.columnOrder[0]).toBe('select')
    expect(state.columnOrder.at(-1)).toBe('actions')
    expect(state.columnOrder.slice(1, 3)).toEqual(['key', 'name'])
  })

  it('clamps widths into bounds and does not remember a filter too long to save', () => {
    const state = {
      ...defaultLayoutState(gateway),
      columnSizing: { key: 5, name: 99_999 },
      globalFilter: 'x'.repeat(201),
    }
    const layout = stateToLayout(state, gateway)
    expect(layout.widths).toEqual({ key: 48, name: 1200 })
    expect(layout.filterText).toBe('')
  })

  it('moves a column one place, and not past either end', () => {
    expect(moveColumn(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c'])
    expect(moveColumn(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b'])
    expect(moveColumn(['a', 'b', 'c'], 'a', -1)).toBeNull()
    expect(moveColumn(['a', 'b', 'c'], 'c', 1)).toBeNull()
  })
})
