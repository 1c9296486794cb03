import { create } from 'zustand'
import type { AppErrorData } from '../../../shared/domain/errors'
import type { KeyAccess } from '../../../shared/domain/key-lifecycle'
import { invoke } from '../ipc/bridge'

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
let generation = 0

export const useKeyAccessStore = create<KeyAccessStoreState & KeyAccessActions>()((set) => ({
  access: null,
  loading: false,
  error: null,

  loadAccess: async () => {
    const mine = ++generation
    // The previous answer stays while a refresh runs, so the row actions do not flicker.
    set({ loading: true, error: null })
    const result = await invoke('getKeyAccess')
    if (mine !== generation) return
    if (result.ok) set({ access: result.value, loading: false })
    else if (result.error.code === 'CANCELLED') set({ loading: false })
    // Unknown permissions: hide what changes keys rather than offer buttons the server refuses.
    else set({ access: null, loading: false, error: result.error })
  },

  clearAccess: () => {
    generation++
    set({ access: null, loading: false, error: null })
  },
}))
