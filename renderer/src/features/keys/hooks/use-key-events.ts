import { useEffect } from 'react'
import { subscribe } from '@renderer/ipc/bridge'
import { useKeysStore } from '@renderer/stores/keys-store'
import { useRevocationsStore } from '@renderer/stores/revocations-store'

/**
 * Follows main's pushes about keys: the pages of the list as they arrive (and a page that failed),
 * the pending revocations, and keys that changed without the user asking (a scheduled revocation
 * ran), which reload the table when they are this profile's.
 */
export function useKeyEvents(profileId: string): void {
  const loadKeys = useKeysStore((s) => s.loadKeys)
  const applyPage = useKeysStore((s) => s.applyPage)
  const applyLoadFailure = useKeysStore((s) => s.applyLoadFailure)
  const applyPending = useRevocationsStore((s) => s.applyPending)

  useEffect(() => {
    // The store keeps only pages of its own load, so a page of another profile's load is never shown.
    const stops = [
      subscribe('keyPage', (page) => {
        if (page.profileId === profileId) applyPage(page)
      }),
      subscribe('keyLoadFailed', (failure) => {
        if (failure.profileId === profileId) applyLoadFailure(failure)
      }),
      subscribe('revocationsChanged', applyPending),
      subscribe('keysChanged', (changed) => {
        if (changed.profileId === profileId) void loadKeys()
      }),
    ]
    return () => {
      for (const stop of stops) stop()
    }
  }, [profileId, loadKeys, applyPage, applyLoadFailure, applyPending])
}
