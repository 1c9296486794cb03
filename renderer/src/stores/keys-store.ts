import { create } from 'zustand'
import type { KeyList } from '../../../shared/domain/api-key'
import type { AppErrorData } from '../../../shared/domain/errors'
import { invoke } from '../ipc/bridge'
import { useSessionStore } from './session-store'

export interface KeysStoreState {
  /** The last list read; kept while a refresh runs so the table does not flash. */
  list: KeyList | null
  loading: boolean
  error: AppErrorData | null
}

export interface KeysActions {
  loadKeys: () => Promise<void>
  clearKeys: () => void
}

// Bumped by every load and clear: only the newest call's answer is kept, so an answer that arrives
// after a sign-out, a profile switch or an account switch is dropped.
let generation = 0

export const useKeysStore = create<KeysStoreState & KeysActions>()((set) => ({
  list: null,
  loading: false,
  error: null,

  loadKeys: async () => {
    const mine = ++generation
    set({ loading: true, error: null })
    const result = await invoke('listKeys')
    if (mine !== generation) return
    if (result.ok) {
      set({ list: result.value, loading: false })
      return
    }
    // Main cancelled the request because the user switched away; the newer view loads its own.
    if (result.error.code === 'CANCELLED') {
      set({ loading: false })
      return
    }
    set({ loading: false, error: result.error })
    if (result.error.code === 'UNAUTHENTICATED') void useSessionStore.getState().loadSession()
  },

  clearKeys: () => {
    generation++
    set({ list: null, loading: false, error: null })
  },
}))
