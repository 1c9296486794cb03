import type { CallHandlers } from '../ipc/dispatch'
import type { KeyLoads } from './key-loads'

/** The contract's fleet calls: the streamed key list. */
export function listingHandlers(
  loads: KeyLoads,
  unlocked: <T>(run: () => Promise<T>) => Promise<T>,
): Pick<CallHandlers, 'startKeyLoad' | 'cancelKeyLoad' | 'retryKeyLoad'> {
  return {
    startKeyLoad: () => unlocked(() => loads.start()),
    cancelKeyLoad: async ({ loadId }) => loads.cancel(loadId),
    retryKeyLoad: ({ loadId }) => unlocked(async () => loads.retry(loadId)),
  }
}
