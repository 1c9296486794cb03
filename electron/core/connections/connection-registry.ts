import type { AccountList } from '@shared/domain/profile'
import type { ProfilesOverview, SessionState } from '@shared/domain/session'
import { createAdapter } from '../dialects/create-adapter'
import type { CallContext, ListedAccount } from '../dialects/dialect-adapter'
import { dialectOf } from '../dialects/registry'
import { AppError } from '../errors'
import { ApiClient } from '../http/api-client'
import type { EventSink } from '../platform'
import type { Profile, ProfileRepository } from '../settings/profiles'
import { AccountScope, chooseAccount, type ResolvedScope } from './account-scope'
import { Connection } from './connection'
import { offlineAfterRestore, trackOffline } from './offline-status'
import { createSession, type SessionFactoryDeps } from './session-factory'

export interface ConnectionRegistryDeps extends SessionFactoryDeps {
  profiles: ProfileRepository
  emit: EventSink
}

/** The active, signed-in connection and the account its key calls are about. */
export interface ActiveScope {
  connection: Connection
  accountId: string | null
  /** A call context for this scope; take one per operation. */
  context: () => CallContext
}

/**
 * One runtime connection per profile: builds each profile's session and adapter, knows which profile
 * is active, cancels a profile's requests when the user switches away, tracks which servers are
 * offline, and remembers each connection's account scope.
 */
export class ConnectionRegistry {
  private readonly connections = new Map<string, Connection>()
  readonly ready: Promise<void>

  constructor(private readonly deps: ConnectionRegistryDeps) {
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
    if (!connection)
      throw new AppError('NOT_FOUND', 'No connection profile is set up yet. Add one under “Manage profiles”.')
    return connection
  }

  get(profileId: string): Connection | undefined {
    return this.connections.get(profileId)
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

  /** The active, signed-in profile and its account scope, listed once and remembered. */
  async activeScope(): Promise<ActiveScope> {
    const connection = await this.signedInActive()
    if (!connection.adapter.capabilities.hasAccounts)
      return { connection, accountId: null, context: () => connection.context(null) }
    const { selected } = await connection.accounts.current()
    return { connection, accountId: selected?.id ?? null, context: () => connection.context(selected) }
  }

  /** The accounts as the server lists them now (the user opened the account switcher). */
  async listAccounts(): Promise<AccountList> {
    const connection = await this.signedInActive()
    return accountList(connection, await connection.accounts.refresh())
  }

  async selectAccount(accountId: string): Promise<AccountList> {
    const connection = await this.signedInActive()
    const scope = await connection.accounts.pick(accountId)
    if (!scope) throw new AppError('NOT_FOUND', 'That account is not available to you.')
    connection.cancelRequests()
    this.deps.profiles.setSelectedAccount(connection.profile.id, accountId)
    return accountList(connection, scope)
  }

  /** Builds (or rebuilds, after an edit) a profile's connection, with a new account scope, and says so. */
  async open(profile: Profile): Promise<Connection> {
    this.connections.get(profile.id)?.cancelRequests()
    const connection = this.connect(profile)
    this.connections.set(profile.id, connection)
    await connection.session.restored
    this.announce()
    return connection
  }

  /** Ends a profile's connection: its requests and sign-in are cancelled and its session signed out (token revoked). */
  async close(profileId: string): Promise<void> {
    const connection = this.connections.get(profileId)
    if (!connection) return
    connection.cancelRequests()
    connection.session.cancelSignIn()
    await connection.session
      .signOut()
      .catch((error: unknown) =>
        this.deps.log.warn(`profile ${profileId}: sign-out on removal failed: ${String(error)}`),
      )
    this.connections.delete(profileId)
  }

  /** Tells the renderer the profile list, and the active profile's session, may have changed. */
  announce(): void {
    this.deps.emit('profilesChanged', this.overview())
    const active = this.deps.profiles.activeId()
    const connection = active === undefined ? undefined : this.connections.get(active)
    if (connection) this.deps.emit('sessionChanged', connection.session.current())
  }

  /** Marks a profile offline when its server cannot be reached, and online again on success. */
  track<T>(connection: Connection, work: Promise<T>): Promise<T> {
    return trackOffline(connection, work, () => this.deps.emit('profilesChanged', this.overview()))
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

  private connect(profile: Profile): Connection {
    // Whose scope the remembered accounts are: a sign-out, or a sign-in again, forgets them.
    let scopeOwner: string | null = null
    const onChange = (state: SessionState) => {
      const owner = state.status === 'signed-in' ? state.user.subject : null
      if (owner !== scopeOwner) connection.accounts.forget()
      scopeOwner = owner
      if (state.status === 'signed-in') connection.offlineError = undefined
      if (this.deps.profiles.activeId() === profile.id) this.deps.emit('sessionChanged', state)
      this.deps.emit('profilesChanged', this.overview())
    }
    const session = createSession(profile, this.deps, onChange)
    const adapter = createAdapter(profile.dialect, new ApiClient(profile.apiBaseUrl, profile.name, session))
    const accounts: AccountScope = new AccountScope({
      list: (): Promise<ListedAccount[]> => this.track(connection, adapter.listAccounts(connection.signal)),
      choose: (listed) =>
        chooseAccount(listed, this.deps.profiles.selectedAccount(profile.id), profile.defaultAccountId),
    })
    const connection: Connection = new Connection(profile, session, adapter, accounts)
    // A restore that failed because the server was unreachable marks the profile offline.
    void session.restored.then((state) => {
      if (state.status === 'signed-in') scopeOwner = state.user.subject
      const offline = offlineAfterRestore(state)
      if (offline) {
        connection.offlineError = offline
        this.deps.emit('profilesChanged', this.overview())
      }
    })
    return connection
  }
}

/** What the renderer sees of a scope: the accounts without what the dialect said the caller holds. */
function accountList(connection: Connection, scope: ResolvedScope): AccountList {
  return {
    profileId: connection.profile.id,
    accounts: scope.accounts.map(({ id, name, primary }) => ({ id, name, primary })),
    selectedAccountId: scope.selected?.id ?? null,
  }
}
