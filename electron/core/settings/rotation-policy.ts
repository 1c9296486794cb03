import { z } from 'zod'
import { rotationMaxAgeOptions, type RotationMaxAgeDays, type RotationPolicy } from '@shared/contracts/overview'
import type { SettingsStore } from './settings-store'

const KEY = 'rotationPolicies'
const stored = z.record(z.string(), z.number())

/** Each profile's maximum key age (off, 30, 90, 180, 365 days), in the settings store by profile id. */
export class RotationPolicies {
  constructor(private readonly store: SettingsStore) {}

  /** Off for a profile never set, and for a damaged or unknown stored value (never a guessed age). */
  get(profileId: string): RotationPolicy {
    const days = this.all()[profileId]
    const known = rotationMaxAgeOptions.find((option) => option === days)
    return { profileId, maxAgeDays: known ?? null }
  }

  set(profileId: string, maxAgeDays: RotationMaxAgeDays | null): RotationPolicy {
    const next = { ...this.all() }
    if (maxAgeDays === null) delete next[profileId]
    else next[profileId] = maxAgeDays
    this.store.set(KEY, next)
    return { profileId, maxAgeDays }
  }

  /** A removed profile's policy goes with it. */
  forget(profileId: string): void {
    this.set(profileId, null)
  }

  private all(): Record<string, number> {
    const parsed = stored.safeParse(this.store.get(KEY))
    return parsed.success ? parsed.data : {}
  }
}
