import { useEffect } from 'react'
import { followLock, reportPageActivity } from '../stores/lock-store'

/** Follows the lock, and reports this page's activity so the idle time starts again. */
export function useLockSync(): void {
  useEffect(() => {
    const stopFollowing = followLock()
    const stopReporting = reportPageActivity()
    return () => {
      stopFollowing()
      stopReporting()
    }
  }, [])
}
