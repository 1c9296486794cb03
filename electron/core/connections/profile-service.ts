import { randomUUID } from 'node:crypto'
import { profileInputSchema, type ProfileInput, type ProfileSummary } from '@shared/domain/profile'
import type { ProfilesOverview } from '@shared/domain/session'
import type { LastSubjects } from '../auth/last-subjects'
import { AppError } from '../errors'
import type { KeyCache } from '../cache/key-cache'
import type { Logger } from '../log'
import type { Profile, ProfileRepository } from '../settings/profiles'
import { apiSecretAccount, profileAccountPrefix, type KeychainVault } from '../vault/keychain-vault'
import type { ConnectionRegistry } from './connection-registry'
import { checkProfile } from './profile-check'

export interface ProfileServiceDeps {
  profiles: ProfileRepository
  vault: KeychainVault
  /** Who each profile was last signed in as (settings); forgotten when it can no longer be compared. */
  lastSubjects: LastSubjects
  connections: ConnectionRegistry
  log: Logger
  /** Throws (with what would be lost) when a profile may not be removed yet: it has unfinished operations. */
  beforeRemove?: (profileId: string) => void
  /** The offline key cache: a removed profile's lists and their key go with it. */
  cache?: Pick<KeyCache, 'forget'>
  /** What else is kept per profile (its rotation policy, …): forgotten once the profile is gone. */
  onRemoved?: (profileId: string) => void
}

/**
 * Adds, edits and removes connection profiles, keeping the keychain and the last signed-in subject
 * in step: what belonged to a profile's old server or sign-in method goes with it.
 */
export class ProfileService {
  constructor(private readonly deps: ProfileServiceDeps) {}

  async save(input: ProfileInput): Promise<ProfileSummary> {
    const parsed = profileInputSchema.parse(input)
    const existing = parsed.id === undefined ? undefined : this.deps.profiles.get(parsed.id)
    if (parsed.id !== undefined && !existing) throw new AppError('NOT_FOUND', 'That profile no longer exists.')
    if (parsed.auth.kind === 'api-key' && parsed.apiSecret === undefined && existing?.auth.kind !== 'api-key') {
      throw new AppError('VALIDATION', 'Enter the API secret.', { apiSecret: 'Enter the API secret.' })
    }
    await checkProfile(parsed)

    const profile: Profile = {
      id: existing?.id ?? randomUUID(),
      name: parsed.name,
      dialect: parsed.dialect,
      apiBaseUrl: parsed.apiBaseUrl,
      auth: parsed.auth,
      defaultAccountId: parsed.defaultAccountId,
      // A sandbox profile the user edits is theirs from then on: it no longer follows the sandbox.
      managedBy: null,
    }
    const old = this.deps.connections.get(profile.id)
    if (old?.session.current().status === 'confirm-subject') {
      // The replaced session would drop the unconfirmed sign-in silently: end it, so its token is revoked.
      await old.session
        .signOut()
        .catch((error: unknown) => this.warn(profile.id, 'sign-out of an unconfirmed sign-in', error))
    }
    if (old && existing && signInChanged(existing, profile)) {
      // The stored credentials belong to the old server or method: end that session first.
      await old.session.signOut().catch((error: unknown) => this.warn(profile.id, 'sign-out before edit', error))
      await this.deps.vault.removeAll(profileAccountPrefix(profile.id))
      // Another server or method: its accounts are not comparable with the last one.
      this.deps.lastSubjects.forget(profile.id)
    }
    if (parsed.auth.kind === 'api-key' && parsed.apiSecret !== undefined) {
      await this.deps.vault.write(apiSecretAccount(profile.id), parsed.apiSecret)
    }
    this.deps.profiles.save(profile)
    if (this.deps.profiles.activeId() === undefined) this.deps.profiles.setActive(profile.id)
    await this.deps.connections.open(profile)
    return profile
  }

  async remove(profileId: string): Promise<ProfilesOverview> {
    if (!this.deps.connections.get(profileId) || !this.deps.profiles.get(profileId))
      throw new AppError('NOT_FOUND', 'That profile no longer exists.')
    // Unfinished operations (the journal) are lost with the profile: refused until the user agreed.
    this.deps.beforeRemove?.(profileId)
    // Signed out first, so a refresh token is revoked on the server, not only forgotten here.
    await this.deps.connections.close(profileId)
    await this.deps.vault.removeAll(profileAccountPrefix(profileId))
    // Gone from the repository first: a key load still finishing for it can no longer write its cache.
    this.deps.profiles.remove(profileId)
    await this.deps.cache?.forget(profileId)
    this.deps.lastSubjects.forget(profileId)
    this.deps.onRemoved?.(profileId)
    this.deps.connections.announce()
    return this.deps.connections.overview()
  }

  private warn(profileId: string, what: string, error: unknown): void {
    this.deps.log.warn(`profile ${profileId}: ${what} failed: ${String(error)}`)
  }
}

function signInChanged(before: Profile, after: Profile): boolean {
  return (
    JSON.stringify(before.auth) !== JSON.stringify(after.auth) ||
    before.apiBaseUrl !== after.apiBaseUrl ||
    before.dialect !== after.dialect
  )
}
