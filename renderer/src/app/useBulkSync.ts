import { useEffect } from 'react'
import { subscribe } from '../ipc/bridge'
import { useBulkStore } from '../stores/bulk-store'
import { useLockStore } from '../stores/lock-store'

/**
 * Follows bulk runs at app level: a run goes on behind the lock, a sign-in screen or another view,
 * and when it ends there its results (and the new secrets waiting in main) must still be offered.
 * Key calls wait for the unlock, so a run that ended behind the lock is read again after it.
 */
export function useBulkSync(): void {
  useEffect(() => {
    const stopProgress = subscribe('bulkProgress', (progress) => useBulkStore.getState().progressed(progress))
    const stopLock = useLockStore.subscribe((state, before) => {
      if (before.lock.locked && !state.lock.locked) void useBulkStore.getState().refresh()
    })
    return () => {
      stopProgress()
      stopLock()
    }
  }, [])
}
