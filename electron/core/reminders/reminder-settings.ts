import { reminderSettingsSchema, type ReminderSettings } from '@shared/contracts/overview'
import type { SettingsStore } from '../settings/settings-store'

const KEY = 'reminderSettings'
export const defaultReminderSettings: ReminderSettings = {
  expiry: true,
  expiryThresholds: { 30: true, 7: true, 1: true },
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
    this.store.set(KEY, next)
    return next
  }
}
