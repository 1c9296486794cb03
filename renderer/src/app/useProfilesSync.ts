import { useEffect } from 'react'
import { subscribe } from '../ipc/bridge'
import { useProfilesStore } from '../stores/profiles-store'

/** Reads the profile list once and follows main's pushes. */
export function useProfilesSync(): void {
  const loadProfiles = useProfilesStore((s) => s.loadProfiles)
  const applyProfiles = useProfilesStore((s) => s.applyProfiles)

  useEffect(() => {
    const unsubscribe = subscribe('profilesChanged', applyProfiles)
    void loadProfiles()
    return unsubscribe
  }, [loadProfiles, applyProfiles])
}
