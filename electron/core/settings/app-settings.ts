import { appSettingsSchema, type AppSettings } from '../../../shared/domain/key-lifecycle'
import type { SettingsStore } from './settings-store'

const KEY = 'appSettings'
export const defaultAppSettings: AppSettings = { clipboardClearSeconds: 30 }

/** The user's preferences; a damaged entry falls back to the defaults. */
export class AppSettingsRepository {
  constructor(private readonly store: SettingsStore) {}

  get(): AppSettings {
    const parsed = appSettingsSchema.partial().safeParse(this.store.get(KEY))
    return { ...defaultAppSettings, ...(parsed.success ? parsed.data : {}) }
  }

  update(settings: AppSettings): AppSettings {
    const next = appSettingsSchema.parse(settings)
    this.store.set(KEY, next)
    return next
  }
}
