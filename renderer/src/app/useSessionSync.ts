import { useEffect } from 'react'
import { onSessionChanged } from '../ipc/bridge'
import { useKeysStore } from '../stores/keys-store'
import { useSessionStore } from '../stores/session-store'

/** Loads the session once, follows main's pushes, and drops the keys whenever nobody is signed in. */
export function useSessionSync(): void {
  const loadSession = useSessionStore((s) => s.loadSession)
  const applySession = useSessionStore((s) => s.applySession)
  const status = useSessionStore((s) => s.session?.status)
  const clearKeys = useKeysStore((s) => s.clearKeys)

  useEffect(() => {
    const unsubscribe = onSessionChanged(applySession)
    void loadSession()
    return unsubscribe
  }, [loadSession, applySession])

  // Loading on sign-in is KeyTable's job (it mounts then); clearing on sign-out is ours.
  useEffect(() => {
    if (status !== undefined && status !== 'signed-in') clearKeys()
  }, [status, clearKeys])
}
