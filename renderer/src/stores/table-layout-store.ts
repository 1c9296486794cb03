import { create } from 'zustand'
import type { TableLayout } from '@shared/contracts/table'
import type { AppErrorData } from '@shared/domain/errors'
import { invoke } from '../ipc/bridge'

/** Whose layout: a profile, and its account where the profile has accounts. */
export interface LayoutScope {
  profileId: string
  accountId: string | null
}

export const scopeKey = (scope: LayoutScope): string => `${scope.profileId}\u0000${scope.accountId ?? ''}`

/** Writes wait this long after the last change: a drag or a typed filter is one write, not fifty. */
export const SAVE_DELAY_MS = 400

export interface TableLayoutStoreState {
  /**
   * Layouts by scope key: read from main once per scope (null: none saved), then kept in step with
   * what the user does, so the table opened again shows them at once. Absent while not read yet.
   */
  layouts: Record<string, TableLayout | null>
  /** The last failed read or write, shown above the table until dismissed or a later write succeeds. */
  error: LayoutError | null
}

/** A layout that could not be read (the table uses the defaults) or written (it is kept for this session only). */
export interface LayoutError {
  action: 'read' | 'write'
  error: AppErrorData
}

export interface TableLayoutActions {
  /** Reads the scope's layout from main, once. */
  load: (scope: LayoutScope) => Promise<void>
  /** Remembers the layout now and writes it to main after SAVE_DELAY_MS without a newer change. */
  save: (scope: LayoutScope, layout: TableLayout) => void
  /** Writes every waiting layout now (the window is going away). */
  flush: () => Promise<void>
  /** Hides the last error. */
  dismissError: () => void
}

const waiting = new Map<string, { scope: LayoutScope; layout: TableLayout; timer: ReturnType<typeof setTimeout> }>()
const loading = new Set<string>()

/** The key table's layout per profile and account (column ids, widths, sort, filter; never key data). */
export const useTableLayoutStore = create<TableLayoutStoreState & TableLayoutActions>()((set, get) => {
  const write = async (key: string): Promise<void> => {
    const entry = waiting.get(key)
    if (!entry) return
    clearTimeout(entry.timer)
    waiting.delete(key)
    const result = await invoke('saveTableLayout', { ...entry.scope, layout: entry.layout })
    if (result.ok) {
      if (get().error?.action === 'write') set({ error: null })
    } else if (result.error.code !== 'NOT_FOUND') {
      // (A profile removed meanwhile has no layout to keep: nothing to tell.)
      set({ error: { action: 'write', error: result.error } })
    }
  }
  return {
    layouts: {},
    error: null,

    load: async (scope) => {
      const key = scopeKey(scope)
      if (key in get().layouts || loading.has(key)) return
      loading.add(key)
      const result = await invoke('tableLayout', scope)
      loading.delete(key)
      // A change the user made meanwhile is newer than what was stored.
      if (key in get().layouts) return
      if (result.ok) set((s) => ({ layouts: { ...s.layouts, [key]: result.value } }))
      else set((s) => ({ error: { action: 'read', error: result.error }, layouts: { ...s.layouts, [key]: null } }))
    },

    save: (scope, layout) => {
      const key = scopeKey(scope)
      set((s) => ({ layouts: { ...s.layouts, [key]: layout } }))
      const before = waiting.get(key)
      if (before) clearTimeout(before.timer)
      waiting.set(key, { scope, layout, timer: setTimeout(() => void write(key), SAVE_DELAY_MS) })
    },

    flush: async () => {
      await Promise.all([...waiting.keys()].map((key) => write(key)))
    },

    dismissError: () => set({ error: null }),
  }
})

if (typeof window !== 'undefined')
  window.addEventListener('pagehide', () => void useTableLayoutStore.getState().flush())
