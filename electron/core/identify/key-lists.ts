import type { ApiKey } from '@shared/domain/api-key'
import type { ConnectionRegistry } from '../connections/connection-registry'
import type { ProfileRepository } from '../settings/profiles'

/** One list of keys to match candidates against. */
export interface MatchableKeyList {
  profileId: string
  profileName: string
  dialect: string
  accountId: string | null
  accountName: string | null
  keys: readonly ApiKey[]
  /** Read from the offline cache rather than the server. */
  cached: boolean
}

export interface KeyListsRead {
  lists: MatchableKeyList[]
  /** Profiles whose lists were compared. */
  profiles: number
  unreadable: Array<{ profileName: string; reason: string }>
}

/** Where the key lists come from: the servers now, or (later) the offline cache. */
export interface KeyListSource {
  read(): Promise<KeyListsRead>
}

/** Every signed-in profile's keys, every account of it, as its server lists them now. */
export class LiveKeyLists implements KeyListSource {
  constructor(private readonly deps: { profiles: ProfileRepository; connections: ConnectionRegistry }) {}

  async read(): Promise<KeyListsRead> {
    const result: KeyListsRead = { lists: [], profiles: 0, unreadable: [] }
    await Promise.all(
      this.deps.profiles.list().map(async (profile) => {
        const connection = this.deps.connections.get(profile.id)
        if (!connection) return
        await connection.session.restored
        if (connection.session.current().status !== 'signed-in') return
        const base = { profileId: profile.id, profileName: profile.name, dialect: profile.dialect, cached: false }
        try {
          const adapter = connection.adapter
          if (!adapter.capabilities.hasAccounts) {
            const keys = await this.deps.connections.track(connection, adapter.listKeys(connection.context(null)))
            result.lists.push({ ...base, accountId: null, accountName: null, keys })
          } else {
            const { accounts } = await connection.accounts.current()
            for (const account of accounts) {
              const keys = await this.deps.connections.track(connection, adapter.listKeys(connection.context(account)))
              result.lists.push({ ...base, accountId: account.id, accountName: account.name, keys })
            }
          }
          result.profiles++
        } catch (error) {
          result.unreadable.push({
            profileName: profile.name,
            reason: error instanceof Error ? error.message : String(error),
          })
        }
      }),
    )
    return result
  }
}
