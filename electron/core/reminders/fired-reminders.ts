import { z } from 'zod'
import type { SettingsStore } from '../settings/settings-store'

const KEY = 'remindersFired'
const stored = z.array(z.string().max(1000)).max(100_000)

/** The markers of reminders already shown, kept in the settings store so a restart repeats none. */
export class FiredReminders {
  constructor(private readonly store: SettingsStore) {}

  all(): Set<string> {
    const parsed = stored.safeParse(this.store.get(KEY) ?? [])
    return new Set(parsed.success ? parsed.data : [])
  }

  add(markers: readonly string[]): void {
    if (markers.length === 0) return
    const next = this.all()
    for (const marker of markers) next.add(marker)
    this.store.set(KEY, [...next])
  }

  /** Drops the markers of a profile's keys that are gone, so the list does not grow for ever. */
  prune(profileId: string, keptKeyIds: ReadonlySet<string>): void {
    const all = this.all()
    const kept = [...all].filter((marker) => {
      const [kind, profile, keyId] = marker.split(':')
      return kind === 'revocation' || profile !== profileId || keptKeyIds.has(keyId ?? '')
    })
    if (kept.length !== all.size) this.store.set(KEY, kept)
  }
}
