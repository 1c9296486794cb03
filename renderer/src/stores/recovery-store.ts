import { create } from 'zustand'
import type { Recovery } from '@shared/contracts/journal'
import type { AppErrorData } from '@shared/domain/errors'
import { invoke } from '../ipc/bridge'
import { newestWins } from '../lib/newest-wins'

export interface RecoveryStoreState {
  /** What crash recovery found and the user has not dealt with; never a secret. */
  recoveries: Recovery[]
  error: AppErrorData | null
}

export interface RecoveryActions {
  loadRecoveries: () => Promise<void>
  /** Applies a list pushed by main (recoveriesChanged). */
  applyRecoveries: (recoveries: Recovery[]) => void
  /** The user read a notice, or keeps a key created without its secret seen. */
  dismiss: (recoveryId: string) => Promise<void>
}

const latest = newestWins()

export const useRecoveryStore = create<RecoveryStoreState & RecoveryActions>()((set, get) => ({
  recoveries: [],
  error: null,

  loadRecoveries: async () => {
    const current = latest.begin()
    const result = await invoke('listRecoveries')
    if (!current()) return
    if (result.ok) set({ recoveries: result.value, error: null })
    else set({ error: result.error })
  },

  applyRecoveries: (recoveries) => {
    latest.invalidate()
    set({ recoveries, error: null })
  },

  dismiss: async (recoveryId) => {
    const result = await invoke('acknowledgeRecovery', { recoveryId })
    if (result.ok) get().applyRecoveries(result.value)
    else set({ error: result.error })
  },
}))

/** Revokes a key created without its secret seen; the caller handles REAUTH_REQUIRED (sudo mode). */
export async function revokeUnseenKey(recoveryId: string): Promise<AppErrorData | null> {
  const result = await invoke('revokeUnseenKey', { recoveryId })
  if (!result.ok) return result.error
  useRecoveryStore.getState().applyRecoveries(result.value)
  return null
}

/** The line the one-time secret dialog shows above a recovered key. */
export function recoveryLine(recovery: Extract<Recovery, { kind: 'secret' }>): string {
  const doing =
    recovery.operation === 'rotate' ? `rotating “${recovery.replaced?.name ?? ''}”` : `creating ${recovery.keyName}`
  return recovery.operation === 'rotate'
    ? `Keywarden closed while ${doing}; this is its successor “${recovery.keyName}”, shown once.`
    : `Keywarden closed while ${doing}; this is its key, shown once.`
}
