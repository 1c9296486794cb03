import type { KeyCache } from '../cache/key-cache'
import type { ProfileRepository } from '../settings/profiles'
import type { KeyListSource, KeyListsRead } from './key-lists'

/**
 * The live lists first; every profile the servers could not give (signed out, offline, a failed
 * read) is matched against its offline cache instead, marked `cached`, so Identify still names a
 * key on a train. The cache holds masked forms only, as the live list does.
 */
export class WithCachedKeyLists implements KeyListSource {
  constructor(
    private readonly deps: {
      live: KeyListSource
      cache: Pick<KeyCache, 'readLatest'>
      profiles: Pick<ProfileRepository, 'list'>
    },
  ) {}

  async read(): Promise<KeyListsRead> {
    const live = await this.deps.live.read()
    const read = new Set(live.lists.map((list) => list.profileId))
    const lists = [...live.lists]
    let profiles = live.profiles
    for (const profile of this.deps.profiles.list()) {
      if (read.has(profile.id)) continue
      const cached = await this.deps.cache.readLatest(profile.id).catch(() => null)
      if (!cached) continue
      profiles++
      lists.push({
        profileId: profile.id,
        profileName: profile.name,
        dialect: profile.dialect,
        accountId: cached.accountId,
        accountName: null,
        keys: cached.keys,
        cached: true,
      })
    }
    const unreadable = live.unreadable.filter((u) => !lists.some((l) => l.cached && l.profileName === u.profileName))
    return { lists, profiles, unreadable }
  }
}
