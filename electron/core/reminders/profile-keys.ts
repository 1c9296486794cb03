import type { ApiKey } from '@shared/domain/api-key'
import type { KeyCache } from '../cache/key-cache'
import type { ConnectionRegistry } from '../connections/connection-registry'
import type { Profile } from '../settings/profiles'

/** A profile's keys as the core can read them now, or why it cannot. */
export type ProfileKeys =
  | { state: 'live'; profile: Profile; keys: ApiKey[]; readAt: number }
  | { state: 'cached'; profile: Profile; keys: ApiKey[]; readAt: number; reason: string }
  | { state: 'not-loaded'; profile: Profile; reason: string }

/**
 * Reads the keys of every signed-in profile (its selected account), for the "All profiles" figures and
 * the reminders. Offline and signed-out profiles show their offline cache's list, marked cached; without
 * one they are reported as not loaded, with the reason.
 */
export class ProfileKeysReader {
  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly profiles: () => readonly Profile[],
    private readonly now: () => number,
    private readonly cache?: Pick<KeyCache, 'readLatest'>,
  ) {}

  async all(): Promise<ProfileKeys[]> {
    return Promise.all(this.profiles().map((profile) => this.read(profile)))
  }

  /** The live list; where there is none, the offline cache's (marked cached, with why it is not live). */
  async read(profile: Profile): Promise<ProfileKeys> {
    const live = await this.readLive(profile)
    if (live.state === 'live' || !this.cache) return live
    const cached = await this.cache.readLatest(profile.id).catch(() => null)
    if (!cached) return live
    return { state: 'cached', profile, keys: cached.keys, readAt: Date.parse(cached.savedAt), reason: live.reason }
  }

  private async readLive(profile: Profile): Promise<ProfileKeys> {
    const connection = this.connections.get(profile.id)
    if (!connection) return { state: 'not-loaded', profile, reason: 'The profile is not connected.' }
    await connection.session.restored
    if (connection.session.current().status !== 'signed-in')
      return { state: 'not-loaded', profile, reason: 'Signed out: sign in to this profile to see its keys.' }
    try {
      const context = connection.adapter.capabilities.hasAccounts
        ? connection.context((await connection.accounts.current()).selected ?? null)
        : connection.context(null)
      const keys = await this.connections.track(connection, connection.adapter.listKeys(context))
      return { state: 'live', profile, keys, readAt: this.now() }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      return { state: 'not-loaded', profile, reason: `Its keys could not be read: ${message}` }
    }
  }
}
