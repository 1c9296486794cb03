import { useEffect } from 'react'
import { subscribe } from '../ipc/bridge'
import { followSession } from '../stores/follow-session'
import { useSessionStore } from '../stores/session-store'

/** Loads the session once, follows main's pushes, and drops keys and accounts that no longer apply. */
export function useSessionSync(): void {
  const loadSession = useSessionStore((s) => s.loadSession)
  const applySession = useSessionStore((s) => s.applySession)

  useEffect(() => {
    const stopFollowing = followSession()
    const unsubscribe = subscribe('sessionChanged', applySession)
    void loadSession()
    return () => {
      unsubscribe()
      stopFollowing()
    }
  }, [loadSession, applySession])
}
