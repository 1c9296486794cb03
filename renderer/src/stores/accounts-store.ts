import { create } from 'zustand'
import type { AppErrorData } from '@shared/domain/errors'
import type { AccountList } from '@shared/domain/profile'
import { invoke } from '../ipc/bridge'
import { newestWins } from '../lib/newest-wins'
import { useKeysStore } from './keys-store'

export interface AccountsStoreState {
  /** The accounts (wallets) of the active profile; null until read, and for dialects without any. */
  list: AccountList | null
  pending: 'loading' | 'selecting' | null
  error: AppErrorData | null
}

export interface AccountsActions {
  loadAccounts: () => Promise<void>
  /** Selects an account in main, then reads that account's keys. */
  selectAccount: (accountId: string) => Promise<void>
  clearAccounts: () => void
}

// As in the keys store: an answer meant for a profile the user has left is dropped.
const latest = newestWins()

export const useAccountsStore = create<AccountsStoreState & AccountsActions>()((set, get) => ({
  list: null,
  pending: null,
  error: null,

  loadAccounts: async () => {
    const current = latest.begin()
    set({ pending: 'loading', error: null })
    const result = await invoke('listAccounts')
    if (!current()) return
    if (result.ok) set({ list: result.value, pending: null })
    else if (result.error.code === 'CANCELLED') set({ pending: null })
    else set({ pending: null, error: result.error })
  },

  selectAccount: async (accountId) => {
    if (get().list?.selectedAccountId === accountId) return
    const current = latest.begin()
    set({ pending: 'selecting', error: null })
    const result = await invoke('selectAccount', { accountId })
    if (!current()) return
    if (!result.ok) {
      set(result.error.code === 'CANCELLED' ? { pending: null } : { pending: null, error: result.error })
      return
    }
    set({ list: result.value, pending: null })
    // The table must not show the previous account's keys under the new account's name.
    const keys = useKeysStore.getState()
    keys.clearKeys()
    void keys.loadKeys()
  },

  clearAccounts: () => {
    latest.invalidate()
    set({ list: null, pending: null, error: null })
  },
}))
