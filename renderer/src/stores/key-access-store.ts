import { create } from 'zustand'
import type { AppErrorData } from '@shared/domain/errors'
import type { KeyAccess } from '@shared/domain/key-lifecycle'
import { invoke } from '../ipc/bridge'
import { newestWins } from '../lib/newest-wins'

export interface KeyAccessStoreState {
  /** What the user may do with keys here; null until read, and after a failed read (actions stay hidden). */
  access: KeyAccess | null
  loading: boolean
  error: AppErrorData | null
}

export interface KeyAccessActions {
  loadAccess: () => Promise<void>
  clearAccess: () => void
}

// As in the keys store: only the newest call's answer is kept, so a profile or account switch
// never shows the previous one's permissions.
const latest = newestWins()

export const useKeyAccessStore = create<KeyAccessStoreState & KeyAccessActions>()((set) => ({
  access: null,
  loading: false,
  error: null,

  loadAccess: async () => {
    const current = latest.begin()
    // The previous answer stays while a refresh runs, so the row actions do not flicker.
    set({ loading: true, error: null })
    const result = await invoke('getKeyAccess')
    if (!current()) return
    if (result.ok) set({ access: result.value, loading: false })
    else if (result.error.code === 'CANCELLED') set({ loading: false })
    // Unknown permissions: hide what changes keys rather than offer buttons the server refuses.
    else set({ access: null, loading: false, error: result.error })
  },

  clearAccess: () => {
    latest.invalidate()
    set({ access: null, loading: false, error: null })
  },
}))
