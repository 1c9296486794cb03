import type { CallHandlers } from '../ipc/dispatch'
import type { LockService } from '../sudo/lock-service'
import type { SudoGate } from '../sudo/sudo-gate'
import type { JournalService } from './journal-service'

type JournalCall =
  | 'listRecoveries'
  | 'recoveredSecret'
  | 'acknowledgeRecovery'
  | 'revokeUnseenKey'
  | 'secretShown'
  | 'listUnfinished'
  | 'discardUnfinished'

/** The journal's calls: what recovery found, the recovered secrets, and giving up unfinished operations. */
export function journalHandlers(
  journal: JournalService,
  guard: { lock: Pick<LockService, 'assertUnlocked'>; sudo: Pick<SudoGate, 'require'> },
): Pick<CallHandlers, JournalCall> {
  return {
    listRecoveries: async () => journal.recoveries.list(),
    recoveredSecret: async ({ recoveryId }) => {
      guard.lock.assertUnlocked()
      return journal.recoveries.secret(recoveryId)
    },
    acknowledgeRecovery: async ({ recoveryId }) => journal.acknowledge(recoveryId),
    revokeUnseenKey: async ({ recoveryId }) => {
      guard.lock.assertUnlocked()
      guard.sudo.require('revoke')
      return journal.revokeUnseen(recoveryId)
    },
    secretShown: async ({ keyId }) => journal.operations.secretShown(keyId),
    listUnfinished: async ({ profileId }) => journal.unfinished(profileId),
    discardUnfinished: async ({ profileId }) => journal.discardUnfinished(profileId),
  }
}
