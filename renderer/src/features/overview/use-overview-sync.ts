import { useEffect } from 'react'
import { subscribe } from '../../ipc/bridge'
import { useOverviewStore } from '../../stores/overview-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { useReminderStore } from '../../stores/reminder-store'
import { openFiltered } from './open-filtered'

/**
 * While signed in: the profile's rotation policy (for the table's badges), the reminder status, and a
 * clicked reminder opening the table filtered to its keys (switching profile first where needed).
 */
export function useOverviewSync(profileId: string): void {
  const loadPolicy = useOverviewStore((s) => s.loadRotationPolicy)
  useEffect(() => {
    void loadPolicy(profileId)
  }, [loadPolicy, profileId])

  useEffect(() => {
    void useReminderStore.getState().load()
    const offStatus = subscribe('remindersChanged', (status) => useReminderStore.getState().apply(status))
    const offOpened = subscribe('reminderOpened', (opened) => {
      void (async () => {
        await useProfilesStore.getState().selectProfile(opened.profileId)
        openFiltered(opened.profileId, opened.filter, Date.now(), opened.keyIds)
      })()
    })
    return () => {
      offStatus()
      offOpened()
    }
  }, [])
}
