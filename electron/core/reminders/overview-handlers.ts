import type { CallHandlers } from '../ipc/dispatch'
import type { RotationPolicies } from '../settings/rotation-policy'
import { profileAttention, type AttentionInputs } from './profile-attention'
import type { ProfileKeysReader } from './profile-keys'
import type { ReminderService } from './reminder-service'

export interface OverviewServices extends AttentionInputs {
  policies: RotationPolicies
  reader: ProfileKeysReader
  reminders: ReminderService
  /** Calls that read keys wait for the unlock. */
  unlocked: <T>(run: () => Promise<T>) => Promise<T>
  /** A profile id that exists, or a NOT_FOUND error. */
  requireProfile: (profileId: string) => void
}

type OverviewCalls =
  'getRotationPolicy' | 'setRotationPolicy' | 'attentionOfProfiles' | 'getReminders' | 'setReminderSettings'

/** The overview area's calls: rotation policy, the "All profiles" figures, reminder settings. */
export function overviewHandlers(services: OverviewServices): Pick<CallHandlers, OverviewCalls> {
  return {
    getRotationPolicy: async ({ profileId }) => {
      services.requireProfile(profileId)
      return services.policies.get(profileId)
    },
    setRotationPolicy: async ({ profileId, maxAgeDays }) => {
      services.requireProfile(profileId)
      const policy = services.policies.set(profileId, maxAgeDays)
      void services.reminders.check()
      return policy
    },
    attentionOfProfiles: async () =>
      services.unlocked(async () => (await services.reader.all()).map((read) => profileAttention(read, services))),
    getReminders: async () => services.reminders.status(),
    setReminderSettings: async (settings) => services.reminders.updateSettings(settings),
  }
}
