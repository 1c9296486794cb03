import { type z } from 'zod'
import { appSettingsSchema, type AppSettings } from '@shared/domain/key-lifecycle'
import type { SettingsStore } from './settings-store'

const KEY = 'appSettings'
export const defaultAppSettings: AppSettings = {
  clipboardClearSeconds: 30,
  autoUpdate: true,
  updateChannel: 'stable',
  sudoWindowMinutes: 10,
  lockIdleMinutes: 5,
}

/** The user's preferences; a damaged entry falls back to the defaults. */
export class AppSettingsRepository {
  constructor(private readonly store: SettingsStore) {}

  get(): AppSettings {
    const parsed = appSettingsSchema.partial().safeParse(this.store.get(KEY))
    const stored = parsed.success ? withoutUndefined(parsed.data) : {}
    return { ...defaultAppSettings, ...stored }
  }

  /** Saves the given settings; update fields left out keep their current value. */
  update(settings: z.input<typeof appSettingsSchema>): AppSettings {
    const input = appSettingsSchema.parse(settings)
    const next: AppSettings = { ...this.get(), ...withoutUndefined(input) }
    this.store.set(KEY, next)
    return next
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
