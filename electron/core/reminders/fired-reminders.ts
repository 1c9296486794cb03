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

  /** Drops every marker of a removed profile's keys. */
  forgetProfile(profileId: string): void {
    this.keepOnly((marker) => {
      const [kind, profile] = marker.split(':')
      return kind === 'revocation' || profile !== profileId
    })
  }

  /** Drops the markers of scheduled revocations that are no longer pending (done, or given up). */
  pruneRevocations(pendingIds: ReadonlySet<string>): void {
    this.keepOnly((marker) => !marker.startsWith('revocation:') || pendingIds.has(marker.slice('revocation:'.length)))
  }

  private keepOnly(keep: (marker: string) => boolean): void {
    const all = this.all()
    const kept = [...all].filter(keep)
    if (kept.length !== all.size) this.store.set(KEY, kept)
  }

  /** Drops the markers of a profile's keys that are gone, so the list does not grow for ever. */
  prune(profileId: string, keptKeyIds: ReadonlySet<string>): void {
    this.keepOnly((marker) => {
      const [kind, profile, keyId] = marker.split(':')
      return kind === 'revocation' || profile !== profileId || keptKeyIds.has(keyId ?? '')
    })
  }
}
