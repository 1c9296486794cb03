import type { CallHandlers } from '../ipc/dispatch'
import type { LockService } from '../sudo/lock-service'
import type { SudoGate } from '../sudo/sudo-gate'
import type { BulkService } from './bulk-service'

type BulkCallName =
  'startBulkRun' | 'cancelBulkRun' | 'listBulkRuns' | 'retryBulkRun' | 'takeBulkSecret' | 'keepBulkSecrets'

/**
 * The bulk calls. Starting or retrying a run needs Keywarden unlocked and sudo mode (any bulk
 * action, and revoke or rotate for those); a lock later does not stop a run in flight, but its
 * results and secrets wait for the unlock.
 */
export function bulkHandlers(deps: {
  bulk: BulkService
  sudo: Pick<SudoGate, 'require'>
  lock: Pick<LockService, 'assertUnlocked'>
}): Pick<CallHandlers, BulkCallName> {
  const { bulk, sudo, lock } = deps
  const mayStart = (action: 'revoke' | 'disable' | 'enable' | 'rotate'): void => {
    lock.assertUnlocked()
    sudo.require('bulk')
    if (action === 'revoke' || action === 'rotate') sudo.require(action)
  }
  return {
    startBulkRun: async (input) => {
      mayStart(input.action)
      return bulk.start(input)
    },
    cancelBulkRun: async ({ runId }) => bulk.cancel(runId),
    listBulkRuns: async () => {
      lock.assertUnlocked()
      return bulk.list()
    },
    retryBulkRun: async ({ runId }) => {
      const run = bulk.list().find((r) => r.id === runId)
      mayStart(run?.action ?? 'revoke')
      return bulk.retry(runId)
    },
    takeBulkSecret: async ({ runId }) => {
      lock.assertUnlocked()
      return bulk.takeSecret(runId)
    },
    keepBulkSecrets: async ({ runId }) => {
      lock.assertUnlocked()
      sudo.require('keep-copy')
      return bulk.keepAll(runId)
    },
  }
}
