import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { dialects, profileAuthSchema, type ProfileSummary } from '@shared/domain/profile'
import { allDialects } from '../dialects/registry'
import type { Logger } from '../log'
import type { SettingsStore } from './settings-store'

const storedProfileSchema = z.preprocess(
  // Profiles written before sign-in methods existed kept issuer and clientId at the top level.
  (raw) => {
    if (typeof raw === 'object' && raw !== null && !('auth' in raw) && 'issuer' in raw && 'clientId' in raw) {
      const { issuer, clientId, ...rest } = raw as Record<string, unknown>
      return { ...rest, auth: { kind: 'oauth', issuer, clientId } }
    }
    return raw
  },
  z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    dialect: z.enum(dialects),
    apiBaseUrl: z.string().min(1),
    auth: profileAuthSchema,
    defaultAccountId: z.string().nullable().default(null),
    managedBy: z.literal('sandbox').nullable().default(null),
  }),
)

/** A connection profile as stored: exactly what the renderer may see, so no secret is ever in it. */
export type Profile = ProfileSummary

const PROFILES_KEY = 'profiles'
const ACTIVE_KEY = 'activeProfileId'
const SELECTED_ACCOUNTS_KEY = 'selectedAccounts'
const SANDBOX_CREATED_KEY = 'sandboxProfilesCreated'
export const SANDBOX_CLIENT_ID = 'keywarden-desktop'

/** Connection profiles and the user's choices among them, kept in the settings store. */
export class ProfileRepository {
  constructor(
    private readonly store: SettingsStore,
    private readonly log: Logger,
  ) {}

  list(): Profile[] {
    const raw = this.store.get(PROFILES_KEY)
    if (raw === undefined) return []
    if (!Array.isArray(raw)) {
      this.log.warn('settings: the profiles entry is not a list; ignoring it')
      return []
    }
    // A damaged entry must not hide the others: keep what still parses and say what was dropped.
    const kept = raw.flatMap((item) => {
      const one = storedProfileSchema.safeParse(item)
      return one.success ? [one.data] : []
    })
    if (kept.length < raw.length)
      this.log.warn(`settings: ignored ${raw.length - kept.length} unreadable profile entries`)
    return kept
  }

  get(id: string): Profile | undefined {
    return this.list().find((p) => p.id === id)
  }

  activeId(): string | undefined {
    const profiles = this.list()
    const activeId = this.store.get(ACTIVE_KEY)
    return (profiles.find((p) => p.id === activeId) ?? profiles[0])?.id
  }

  setActive(id: string): void {
    this.store.set(ACTIVE_KEY, id)
  }

  save(profile: Profile): void {
    const profiles = this.list()
    const exists = profiles.some((p) => p.id === profile.id)
    this.store.set(
      PROFILES_KEY,
      exists ? profiles.map((p) => (p.id === profile.id ? profile : p)) : [...profiles, profile],
    )
  }

  remove(id: string): void {
    this.store.set(
      PROFILES_KEY,
      this.list().filter((p) => p.id !== id),
    )
    const selected = this.selectedAccounts()
    delete selected[id]
    this.store.set(SELECTED_ACCOUNTS_KEY, selected)
    if (this.store.get(ACTIVE_KEY) === id) this.store.delete(ACTIVE_KEY)
  }

  selectedAccount(profileId: string): string | undefined {
    return this.selectedAccounts()[profileId]
  }

  setSelectedAccount(profileId: string, accountId: string): void {
    this.store.set(SELECTED_ACCOUNTS_KEY, { ...this.selectedAccounts(), [profileId]: accountId })
  }

  private selectedAccounts(): Record<string, string> {
    const raw = z.record(z.string(), z.string()).safeParse(this.store.get(SELECTED_ACCOUNTS_KEY))
    return raw.success ? raw.data : {}
  }

  /**
   * On first run, one profile per dialect of the local sandbox (each dialect's module names it and
   * says where under the sandbox URL its API lives). Later runs only move the sandbox
   * profiles that still exist to the sandbox's current URL: a profile the user removed stays removed.
   */
  ensureSandboxProfiles(sandboxUrl: string): void {
    const base = sandboxUrl.replace(/\/+$/, '')
    const firstRun = this.store.get(SANDBOX_CREATED_KEY) !== true
    let profiles = this.list()
    for (const { name: dialect, sandbox } of allDialects()) {
      const existing = profiles.find((p) => p.managedBy === 'sandbox' && p.dialect === dialect)
      if (!existing && !firstRun) continue
      const wanted: Profile = {
        id: existing?.id ?? randomUUID(),
        name: existing?.name ?? sandbox.profileName,
        dialect,
        apiBaseUrl: `${base}/${sandbox.path}`,
        auth: { kind: 'oauth', issuer: base, clientId: SANDBOX_CLIENT_ID },
        defaultAccountId: existing?.defaultAccountId ?? null,
        managedBy: 'sandbox',
      }
      profiles = existing ? profiles.map((p) => (p.id === existing.id ? wanted : p)) : [...profiles, wanted]
    }
    this.store.set(PROFILES_KEY, profiles)
    this.store.set(SANDBOX_CREATED_KEY, true)
  }
}
