import type { ApiKey } from '@shared/domain/api-key'
import type { CachedKeys, KeyCache } from '../cache/key-cache'
import { isAppError } from '../errors'

/** The failures that mean the server could not be reached (as the listing treats them). */
const OFFLINE = new Set(['NETWORK', 'TIMEOUT'])

/** What an export is built from: the live list, or the offline cache and when it was read. */
export interface ExportSource {
  profileName: string
  keys: readonly ApiKey[]
  /** Set when the list is the offline cache: when it was read from the server, ISO 8601. */
  cachedAt?: string
}

export interface ExportSourceDeps {
  /** The active profile, as it is now. */
  profile(): { id: string; name: string; offlineError: string | undefined }
  /** The live list of the active profile and account. */
  live(): Promise<readonly ApiKey[]>
  /** The active account, when it can be known without the server; null for a profile without accounts. */
  accountId(): Promise<string | null>
  cache: Pick<KeyCache, 'read' | 'readLatest'>
}

/**
 * The keys an export reads: the server's list, or, when the server cannot be reached (the table then
 * shows the cache, read-only), the encrypted offline cache of this profile, saying when it was read.
 * Any other failure (signed out, forbidden) stays an error: the cache is no way around it.
 */
export async function exportSource(deps: ExportSourceDeps): Promise<ExportSource> {
  const profile = deps.profile()
  try {
    return { profileName: profile.name, keys: await deps.live() }
  } catch (error) {
    const offline = profile.offlineError !== undefined || (isAppError(error) && OFFLINE.has(error.code))
    if (!offline) throw error
    const cached = await cachedList(deps, profile.id)
    if (!cached) throw error
    return { profileName: profile.name, keys: cached.keys, cachedAt: cached.savedAt }
  }
}

/** This account's cached list where the account is known; otherwise the profile's newest, as the table shows. */
async function cachedList(deps: ExportSourceDeps, profileId: string): Promise<CachedKeys | null> {
  const accountId = await deps.accountId().catch(() => undefined)
  const exact = accountId === undefined ? null : await deps.cache.read(profileId, accountId)
  return exact ?? deps.cache.readLatest(profileId)
}
