import { create } from 'zustand'

/**
 * Which rows of the key table are ticked for a bulk action. Only ids: the keys themselves stay in
 * the keys store. The table (checkbox column, shift-click, keyboard, "select all shown") writes it;
 * the selection bar and bulk runs read it. It is cleared when the list it belongs to changes
 * profile or account, so a bulk action can never reach keys of another profile.
 */
export interface SelectionState {
  /** The profile and account the ticked ids belong to (`profileId/accountId`). */
  scope: string | null
  selectedIds: ReadonlySet<string>
  /** The last row ticked without shift: the start of a shift-click range. */
  anchorId: string | null
}

export interface SelectionActions {
  /** Ticks or unticks one row; with `range`, every row between the anchor and it (in `orderedIds`, the rows shown) takes its new state. */
  toggle: (scope: string, keyId: string, options?: { range?: boolean; orderedIds?: readonly string[] }) => void
  /** Ticks exactly these rows (e.g. all shown by the filter). */
  selectOnly: (scope: string, keyIds: readonly string[]) => void
  /** Drops ids that are no longer in the list (revoked, filtered away by a reload). */
  keepOnly: (keyIds: ReadonlySet<string>) => void
  clear: () => void
}

const empty: ReadonlySet<string> = new Set()

export const useSelectionStore = create<SelectionState & SelectionActions>()((set, get) => ({
  scope: null,
  selectedIds: empty,
  anchorId: null,

  toggle: (scope, keyId, options = {}) => {
    const state = get()
    const current = state.scope === scope ? state.selectedIds : empty
    const next = new Set(current)
    const select = !current.has(keyId)
    const ordered = options.orderedIds
    const from = options.range && state.anchorId && ordered ? ordered.indexOf(state.anchorId) : -1
    const to = ordered ? ordered.indexOf(keyId) : -1
    if (from >= 0 && to >= 0) {
      for (const id of ordered!.slice(Math.min(from, to), Math.max(from, to) + 1)) {
        if (select) next.add(id)
        else next.delete(id)
      }
    } else if (select) next.add(keyId)
    else next.delete(keyId)
    set({ scope, selectedIds: next, anchorId: options.range && state.anchorId ? state.anchorId : keyId })
  },

  selectOnly: (scope, keyIds) => set({ scope, selectedIds: new Set(keyIds), anchorId: null }),

  keepOnly: (keyIds) => {
    const { selectedIds } = get()
    const kept = [...selectedIds].filter((id) => keyIds.has(id))
    if (kept.length !== selectedIds.size) set({ selectedIds: new Set(kept) })
  },

  clear: () => set({ scope: null, selectedIds: empty, anchorId: null }),
}))
