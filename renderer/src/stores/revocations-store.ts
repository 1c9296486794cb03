import { create } from 'zustand'
import type { AppErrorData } from '@shared/domain/errors'
import type { PendingRevocation } from '@shared/domain/key-lifecycle'
import { invoke } from '../ipc/bridge'
import { newestWins } from '../lib/newest-wins'

export interface RevocationsStoreState {
  /** Every pending revocation, of every profile; the table shows its own profile's. */
  pending: PendingRevocation[]
  error: AppErrorData | null
}

export interface RevocationsActions {
  loadPending: () => Promise<void>
  /** Applies a list pushed by main (revocationsChanged). */
  applyPending: (pending: PendingRevocation[]) => void
}

// A push from main is newer than any read still in flight, so it wins.
const latest = newestWins()

export const useRevocationsStore = create<RevocationsStoreState & RevocationsActions>()((set) => ({
  pending: [],
  error: null,

  loadPending: async () => {
    const current = latest.begin()
    const result = await invoke('listPendingRevocations')
    if (!current()) return
    if (result.ok) set({ pending: result.value, error: null })
    else if (result.error.code !== 'CANCELLED') set({ error: result.error })
  },

  applyPending: (pending) => {
    latest.invalidate()
    set({ pending, error: null })
  },
}))
