import { reminderSettingsSchema, type ReminderSettings } from '@shared/contracts/overview'
import type { SettingsStore } from '../settings/settings-store'

const KEY = 'reminderSettings'
export const defaultReminderSettings: ReminderSettings = {
  expiry: true,
  expiryThresholds: [30, 7, 1],
  revocationFailed: true,
  rotationDue: true,
  quietInBackground: false,
}

/** Which reminders the user wants; a damaged entry falls back to the defaults. */
export class ReminderSettingsRepository {
  constructor(private readonly store: SettingsStore) {}

  get(): ReminderSettings {
    const parsed = reminderSettingsSchema.safeParse(this.store.get(KEY))
    return parsed.success ? parsed.data : defaultReminderSettings
  }

  update(settings: ReminderSettings): ReminderSettings {
    const next = reminderSettingsSchema.parse(settings)
    const unique = { ...next, expiryThresholds: [...new Set(next.expiryThresholds)].sort((a, b) => b - a) }
    this.store.set(KEY, unique)
    return unique
  }
}
