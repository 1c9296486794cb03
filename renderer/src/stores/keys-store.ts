import { create } from 'zustand'
import type { KeyList } from '@shared/domain/api-key'
import type { AppErrorData } from '@shared/domain/errors'
import { invoke } from '../ipc/bridge'
import { newestWins } from '../lib/newest-wins'
import { useKeyAccessStore } from './key-access-store'
import { useRevocationsStore } from './revocations-store'
import { useSessionStore } from './session-store'

export interface KeysStoreState {
  /** The last list read; kept while a refresh runs so the table does not flash. */
  list: KeyList | null
  loading: boolean
  error: AppErrorData | null
  /** Keys being disabled or enabled right now. */
  updatingKeyIds: string[]
  /** The last failed row action (disable, enable), for the table's alert. */
  actionError: AppErrorData | null
  /**
   * Set while the list on screen cannot be acted on (e.g. it is the offline cache and the API cannot be
   * reached): the reason, shown where actions that need the server are disabled. Null when live.
   */
  readOnlyReason: string | null
}

export interface KeysActions {
  /** Reads the keys, and with them what the user may do and the pending revocations. */
  loadKeys: () => Promise<void>
  clearKeys: () => void
  /** Disables or enables a key (where the dialect can), then reads the list again. */
  setKeyEnabled: (keyId: string, enabled: boolean) => Promise<void>
  dismissActionError: () => void
}

// Bumped by every load and clear: only the newest call's answer is kept, so an answer that arrives
// after a sign-out, a profile switch or an account switch is dropped.
const latest = newestWins()

export const useKeysStore = create<KeysStoreState & KeysActions>()((set, get) => ({
  list: null,
  loading: false,
  error: null,
  updatingKeyIds: [],
  actionError: null,
  readOnlyReason: null,

  loadKeys: async () => {
    const current = latest.begin()
    set({ loading: true, error: null })
    // Permissions decide which row actions exist; read them with the keys so they always match.
    void useKeyAccessStore.getState().loadAccess()
    void useRevocationsStore.getState().loadPending()
    const result = await invoke('listKeys')
    if (!current()) return
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
    latest.invalidate()
    set({ list: null, loading: false, error: null, updatingKeyIds: [], actionError: null })
    useKeyAccessStore.getState().clearAccess()
  },

  setKeyEnabled: async (keyId, enabled) => {
    const profileId = get().list?.profileId
    set((s) => ({ updatingKeyIds: [...s.updatingKeyIds, keyId], actionError: null }))
    const result = await invoke('updateKey', { keyId, changes: { enabled } })
    // The user switched profile or account meanwhile: this answer is not about the table on screen.
    if (get().list?.profileId !== profileId) return
    set((s) => ({ updatingKeyIds: s.updatingKeyIds.filter((id) => id !== keyId) }))
    if (result.ok) {
      void get().loadKeys()
      return
    }
    if (result.error.code === 'CANCELLED') return
    set({ actionError: result.error })
    if (result.error.code === 'UNAUTHENTICATED') void useSessionStore.getState().loadSession()
  },

  dismissActionError: () => set({ actionError: null }),
}))
