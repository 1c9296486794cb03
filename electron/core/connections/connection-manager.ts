import { randomUUID } from 'node:crypto'
import type { KeyList } from '../../../shared/domain/api-key'
import type { ErrorCode } from '../../../shared/domain/errors'
import { profileInputSchema, type AccountList, type ProfileInput, type ProfileSummary } from '../../../shared/domain/profile'
import type { ProfilesOverview, SessionState } from '../../../shared/domain/session'
import type { LastSubjects } from '../auth/last-subjects'
import type { Session } from '../auth/session'
import { createAdapter } from '../dialects/create-adapter'
import { dialectOf } from '../dialects/registry'
import { AppError, isAppError } from '../errors'
import { ApiClient } from '../http/api-client'
import type { Logger } from '../log'
import type { EventSink, PlatformPort } from '../platform'
import type { Profile, ProfileRepository } from '../settings/profiles'
import { apiSecretAccount, profileAccountPrefix, type KeychainVault } from '../vault/keychain-vault'
import { Connection } from './connection'
import { createSession } from './session-factory'
import { checkProfile } from './profile-check'

export interface ConnectionManagerDeps {
  profiles: ProfileRepository
  vault: KeychainVault
  /** Who each profile was last signed in as (settings); a different one must be confirmed. */
  lastSubjects: LastSubjects
  platform: PlatformPort
  emit: EventSink
  log: Logger
  signInTimeoutMs: number
}

const OFFLINE_CODES: ReadonlySet<ErrorCode> = new Set(['NETWORK', 'TIMEOUT'])

/**
 * Every connection profile at run time: builds each profile's session and adapter, knows which
 * profile is active, cancels a profile's requests when the user switches away, and keeps the
 * profile list, the keychain and the events in step.
 */
export class ConnectionManager {
  private readonly connections = new Map<string, Connection>()
  readonly ready: Promise<void>

  constructor(private readonly deps: ConnectionManagerDeps) {
    for (const profile of deps.profiles.list()) this.connections.set(profile.id, this.connect(profile))
    this.ready = Promise.all([...this.connections.values()].map((c) => c.session.restored)).then(() => undefined)
  }

  overview(): ProfilesOverview {
    return {
      activeProfileId: this.deps.profiles.activeId() ?? null,
      profiles: this.deps.profiles.list().map((profile) => {
        const connection = this.connections.get(profile.id)
        const lastError = connection?.session.current()
        const error = connection?.offlineError ?? (lastError?.status === 'signed-out' ? lastError.lastError : undefined)
        return {
          profile,
          capabilities: dialectOf(profile.dialect).capabilities,
          status: connection?.status() ?? 'signed-out',
          ...(error ? { error } : {}),
        }
      }),
    }
  }

  /** The active profile's connection; a clear error when there is no profile at all. */
  active(): Connection {
    const id = this.deps.profiles.activeId()
    const connection = id === undefined ? undefined : this.connections.get(id)
    if (!connection) throw new AppError('NOT_FOUND', 'No connection profile is set up yet. Add one under “Manage profiles”.')
    return connection
  }

  get(profileId: string): Connection | undefined {
    return this.connections.get(profileId)
  }

  /** The active, signed-in profile and the account its key calls are about. */
  async activeContext(): Promise<{ connection: Connection; accountId: string | null }> {
    const connection = await this.signedInActive()
    if (!connection.adapter.capabilities.hasAccounts) return { connection, accountId: null }
    const stored = this.deps.profiles.selectedAccount(connection.profile.id)
    return { connection, accountId: stored ?? (await this.listAccounts()).selectedAccountId }
  }

  async session(): Promise<SessionState> {
    const connection = this.active()
    await connection.session.restored
    return connection.session.current()
  }

  /** The user continues as the account the active profile's sign-in ended with. */
  async confirmSubject(subject: string): Promise<SessionState> {
    const session = this.active().session
    if (!session.confirmSubject) throw new AppError('CONFLICT', 'No sign-in is waiting for you to confirm its account.')
    return session.confirmSubject(subject)
  }

  async select(profileId: string): Promise<SessionState> {
    const next = this.connections.get(profileId)
    if (!next) throw new AppError('NOT_FOUND', 'That profile no longer exists.')
    const previousId = this.deps.profiles.activeId()
    if (previousId !== profileId) this.connections.get(previousId ?? '')?.cancelRequests()
    this.deps.profiles.setActive(profileId)
    await next.session.restored
    const state = next.session.current()
    this.deps.emit('sessionChanged', state)
    this.deps.emit('profilesChanged', this.overview())
    return state
  }

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
    const old = this.connections.get(profile.id)
    if (old?.session.current().status === 'confirm-subject') {
      // The replaced session would drop the unconfirmed sign-in silently: end it, so its token is revoked.
      await old.session.signOut().catch((error: unknown) => this.deps.log.warn(`profile ${profile.id}: sign-out of an unconfirmed sign-in failed: ${String(error)}`))
    }
    if (old && existing && signInChanged(existing, profile)) {
      // The stored credentials belong to the old server or method: end that session first.
      await old.session.signOut().catch((error: unknown) => this.deps.log.warn(`profile ${profile.id}: sign-out before edit failed: ${String(error)}`))
      await this.deps.vault.removeAll(profileAccountPrefix(profile.id))
      // Another server or method: its accounts are not comparable with the last one.
      this.deps.lastSubjects.forget(profile.id)
    }
    old?.cancelRequests()
    if (parsed.auth.kind === 'api-key' && parsed.apiSecret !== undefined) {
      await this.deps.vault.write(apiSecretAccount(profile.id), parsed.apiSecret)
    }
    this.deps.profiles.save(profile)
    if (this.deps.profiles.activeId() === undefined) this.deps.profiles.setActive(profile.id)
    const connection = this.connect(profile)
    this.connections.set(profile.id, connection)
    await connection.session.restored
    this.afterProfilesChanged()
    return profile
  }

  async remove(profileId: string): Promise<ProfilesOverview> {
    const connection = this.connections.get(profileId)
    if (!connection || !this.deps.profiles.get(profileId)) throw new AppError('NOT_FOUND', 'That profile no longer exists.')
    connection.cancelRequests()
    connection.session.cancelSignIn()
    // Sign out first so a refresh token is revoked on the server, not only forgotten here.
    await connection.session.signOut().catch((error: unknown) => this.deps.log.warn(`profile ${profileId}: sign-out on removal failed: ${String(error)}`))
    await this.deps.vault.removeAll(profileAccountPrefix(profileId))
    this.connections.delete(profileId)
    this.deps.profiles.remove(profileId)
    this.deps.lastSubjects.forget(profileId)
    this.afterProfilesChanged()
    return this.overview()
  }

  async listAccounts(): Promise<AccountList> {
    const connection = await this.signedInActive()
    const accounts = await this.track(connection, connection.adapter.listAccounts(connection.signal))
    const stored = this.deps.profiles.selectedAccount(connection.profile.id)
    const valid = (id: string | null | undefined) => (id ? accounts.find((a) => a.id === id)?.id : undefined)
    const selected = valid(stored) ?? valid(connection.profile.defaultAccountId) ?? accounts.find((a) => a.primary)?.id ?? accounts[0]?.id ?? null
    return { profileId: connection.profile.id, accounts, selectedAccountId: selected }
  }

  async selectAccount(accountId: string): Promise<AccountList> {
    const list = await this.listAccounts()
    if (!list.accounts.some((a) => a.id === accountId)) throw new AppError('NOT_FOUND', 'That account is not available to you.')
    this.active().cancelRequests()
    this.deps.profiles.setSelectedAccount(list.profileId, accountId)
    return { ...list, selectedAccountId: accountId }
  }

  async listKeys(): Promise<KeyList> {
    const { connection, accountId } = await this.activeContext()
    const keys = await this.track(connection, connection.adapter.listKeys(connection.context(accountId)))
    return { profileId: connection.profile.id, accountId, keys, localCopyKeyIds: [], fetchedAt: new Date().toISOString() }
  }

  dispose(): void {
    for (const connection of this.connections.values()) {
      connection.cancelRequests()
      connection.session.cancelSignIn()
    }
  }

  private async signedInActive(): Promise<Connection> {
    const connection = this.active()
    await connection.session.restored
    if (connection.session.current().status !== 'signed-in') {
      throw new AppError('UNAUTHENTICATED', `Sign in to “${connection.profile.name}” first.`)
    }
    return connection
  }

  /** Marks a profile offline when its server cannot be reached, and online again on success. */
  async track<T>(connection: Connection, work: Promise<T>): Promise<T> {
    try {
      const result = await work
      if (connection.offlineError) {
        connection.offlineError = undefined
        this.deps.emit('profilesChanged', this.overview())
      }
      return result
    } catch (error) {
      if (isAppError(error) && OFFLINE_CODES.has(error.code)) {
        connection.offlineError = error.message
        this.deps.emit('profilesChanged', this.overview())
      }
      throw error
    }
  }

  private connect(profile: Profile): Connection {
    const onChange = (state: SessionState) => {
      if (state.status === 'signed-in') connection.offlineError = undefined
      if (this.deps.profiles.activeId() === profile.id) this.deps.emit('sessionChanged', state)
      this.deps.emit('profilesChanged', this.overview())
    }
    const session: Session = createSession(profile, this.deps, onChange)
    const connection = new Connection(profile, session, createAdapter(profile.dialect, new ApiClient(profile.apiBaseUrl, profile.name, session)))
    // A restore that failed because the server was unreachable marks the profile offline.
    void session.restored.then((state) => {
      if (state.status === 'signed-out' && state.lastError && state.lastErrorCode && OFFLINE_CODES.has(state.lastErrorCode)) {
        connection.offlineError = state.lastError
        this.deps.emit('profilesChanged', this.overview())
      }
    })
    return connection
  }

  private afterProfilesChanged(): void {
    this.deps.emit('profilesChanged', this.overview())
    const active = this.deps.profiles.activeId()
    const connection = active === undefined ? undefined : this.connections.get(active)
    if (connection) this.deps.emit('sessionChanged', connection.session.current())
  }
}

function signInChanged(before: Profile, after: Profile): boolean {
  return JSON.stringify(before.auth) !== JSON.stringify(after.auth) || before.apiBaseUrl !== after.apiBaseUrl || before.dialect !== after.dialect
}
