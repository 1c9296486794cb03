import { useEffect } from 'react'
import { subscribe } from '@renderer/ipc/bridge'
import { useKeysStore } from '@renderer/stores/keys-store'
import { useRevocationsStore } from '@renderer/stores/revocations-store'

/**
 * Follows main's pushes about keys: the pending revocations, and keys that changed without the
 * user asking (a scheduled revocation ran), which reload the table when they are this profile's.
 */
export function useKeyEvents(profileId: string): void {
  const loadKeys = useKeysStore((s) => s.loadKeys)
  const applyPending = useRevocationsStore((s) => s.applyPending)

  useEffect(() => {
    const stopRevocations = subscribe('revocationsChanged', applyPending)
    const stopKeys = subscribe('keysChanged', (changed) => {
      if (changed.profileId === profileId) void loadKeys()
    })
    return () => {
      stopRevocations()
      stopKeys()
    }
  }, [profileId, loadKeys, applyPending])
}
