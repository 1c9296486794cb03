import { z } from 'zod'
import type { SignedInUser } from '@shared/domain/session'
import type { Logger } from '../log'
import type { SettingsStore } from '../settings/settings-store'

const KEY = 'lastSubjects'
const storedSchema = z.record(z.string(), z.object({ subject: z.string().min(1), name: z.string() }))

/**
 * Who each profile was last signed in as (the ID token's `sub` and a display name), so a sign-in
 * as someone else is noticed. Not a secret: it lives in the settings, never with a token.
 */
export class LastSubjects {
  constructor(
    private readonly store: SettingsStore,
    private readonly log: Logger,
  ) {}

  last(profileId: string): SignedInUser | undefined {
    return this.all()[profileId]
  }

  remember(profileId: string, user: SignedInUser): void {
    this.store.set(KEY, { ...this.all(), [profileId]: { subject: user.subject, name: user.name } })
  }

  forget(profileId: string): void {
    const all = this.all()
    if (!(profileId in all)) return
    delete all[profileId]
    this.store.set(KEY, all)
  }

  private all(): Record<string, SignedInUser> {
    const raw = this.store.get(KEY)
    if (raw === undefined) return {}
    const parsed = storedSchema.safeParse(raw)
    if (parsed.success) return parsed.data
    this.log.warn('settings: the last signed-in accounts entry is unreadable; starting it afresh')
    return {}
  }
}
