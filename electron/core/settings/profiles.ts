import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { ProfileSummary } from '../../../shared/domain/session'
import type { Logger } from '../log'
import type { SettingsStore } from './settings-store'

const profileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  dialect: z.enum(['gateway', 'wallet', 'pulse']),
  apiBaseUrl: z.url({ protocol: /^https?$/ }),
  issuer: z.url({ protocol: /^https?$/ }),
  clientId: z.string().min(1),
  /** Set on the profiles Keywarden made for the local sandbox; they follow the sandbox's URL. */
  managedBy: z.literal('sandbox').optional(),
})

export type Profile = z.infer<typeof profileSchema>

const PROFILES_KEY = 'profiles'
const ACTIVE_KEY = 'activeProfileId'
export const SANDBOX_CLIENT_ID = 'keywarden-desktop'

export function summarize(profile: Profile): ProfileSummary {
  return { id: profile.id, name: profile.name, dialect: profile.dialect, apiBaseUrl: profile.apiBaseUrl, issuer: profile.issuer }
}

/** Connection profiles, kept in the settings store. */
export class ProfileRepository {
  constructor(
    private readonly store: SettingsStore,
    private readonly log: Logger,
  ) {}

  list(): Profile[] {
    const raw = this.store.get(PROFILES_KEY)
    if (raw === undefined) return []
    const parsed = z.array(profileSchema).safeParse(raw)
    if (parsed.success) return parsed.data
    // A damaged entry must not hide the others: keep what still parses and say what was dropped.
    const kept = Array.isArray(raw) ? raw.flatMap((item) => {
      const one = profileSchema.safeParse(item)
      return one.success ? [one.data] : []
    }) : []
    this.log.warn(`settings: ignored ${Array.isArray(raw) ? raw.length - kept.length : 'all'} unreadable profile entries`)
    return kept
  }

  active(): Profile | undefined {
    const profiles = this.list()
    const activeId = this.store.get(ACTIVE_KEY)
    return profiles.find((p) => p.id === activeId) ?? profiles[0]
  }

  /**
   * On first run, a profile for the local sandbox's gateway; on later runs, the sandbox profiles
   * follow the sandbox to whatever URL it has now.
   */
  ensureSandboxProfile(sandboxUrl: string): Profile {
    const base = sandboxUrl.replace(/\/+$/, '')
    const profiles = this.list()
    const existing = profiles.find((p) => p.managedBy === 'sandbox' && p.dialect === 'gateway')
    const wanted: Profile = {
      id: existing?.id ?? randomUUID(),
      name: 'Local sandbox · gateway',
      dialect: 'gateway',
      apiBaseUrl: `${base}/gateway`,
      issuer: base,
      clientId: SANDBOX_CLIENT_ID,
      managedBy: 'sandbox',
    }
    const next = existing ? profiles.map((p) => (p.id === existing.id ? wanted : p)) : [...profiles, wanted]
    this.store.set(PROFILES_KEY, next)
    if (this.store.get(ACTIVE_KEY) === undefined) this.store.set(ACTIVE_KEY, wanted.id)
    return wanted
  }
}
