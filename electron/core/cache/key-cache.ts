import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { ApiKey } from '@shared/domain/api-key'
import { describeError } from '../errors'
import type { Logger } from '../log'
import { writeDurableJson } from '../storage/durable-json-file'
import { profileAccountPrefix, type KeychainVault } from '../vault/keychain-vault'
import { CACHE_KEY_BYTES, newCacheKey, open, seal, sealedSchema } from './cache-cipher'
import { cacheKeyMetadata } from './cache-metadata'

const FORMAT_VERSION = 1

/** A list as the last full load saw it: metadata only, never a key value or a secret. */
export interface CachedKeys {
  accountId: string | null
  keys: ApiKey[]
  /** When the list was read from the server, ISO 8601. */
  savedAt: string
}

/** The account is in the clear (it names the file's place, and the tag binds it); the list is sealed. */
const fileSchema = z
  .object({
    version: z.literal(FORMAT_VERSION),
    data: z.object({ accountId: z.string().nullable(), sealed: sealedSchema }).strict(),
  })
  .strict()
const plainSchema = z.object({
  accountId: z.string().nullable(),
  savedAt: z.string(),
  keys: z.array(z.custom<ApiKey>((value) => typeof value === 'object' && value !== null && 'id' in value)),
})

/** The keychain entry of a profile's cache key: under the profile's prefix, so removing the profile removes it. */
export const cacheKeyAccount = (profileId: string): string => `${profileAccountPrefix(profileId)}key-cache`

const hashed = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32)

/**
 * The offline cache of key lists, one encrypted file per profile and account under `dir`, each
 * profile's files under one AES-256-GCM key kept in the OS keychain. A file that cannot be opened
 * (keychain reset, copied from another machine, changed) is deleted, with one log line.
 */
export class KeyCache {
  constructor(
    private readonly deps: {
      dir: string
      vault: KeychainVault
      log: Logger
      /** Whether the profile still exists: a load that ends after its profile was removed writes nothing. */
      profileExists?: (profileId: string) => boolean
    },
  ) {}

  /** The list last saved for this profile and account; null when there is none (or it could not be opened). */
  async read(profileId: string, accountId: string | null): Promise<CachedKeys | null> {
    return this.readFile(profileId, accountId, this.fileOf(profileId, accountId))
  }

  /** The newest list saved for this profile, whatever its account (the account cannot be asked offline). */
  async readLatest(profileId: string): Promise<CachedKeys | null> {
    const folder = this.folderOf(profileId)
    let names: string[]
    try {
      names = readdirSync(folder).filter((name) => name.endsWith('.json'))
    } catch {
      return null
    }
    const newest = names
      .map((name) => ({ path: join(folder, name), at: statSync(join(folder, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at)[0]
    return newest ? this.readFile(profileId, undefined, newest.path) : null
  }

  /** Saves a full list (written durably: fsync, then an atomic rename). */
  async write(profileId: string, accountId: string | null, keys: readonly ApiKey[], savedAt: string): Promise<void> {
    if (this.deps.profileExists && !this.deps.profileExists(profileId)) return
    const key = await this.keyOf(profileId, true)
    if (!key) return
    const plain = JSON.stringify({ accountId, savedAt, keys: keys.map(cacheKeyMetadata) })
    writeDurableJson(this.fileOf(profileId, accountId), FORMAT_VERSION, {
      accountId,
      sealed: seal(plain, key, contextOf(profileId, accountId)),
    })
  }

  /** Deletes every cached list of the profile and its key (sign-out, profile removal). */
  async forget(profileId: string): Promise<void> {
    rmSync(this.folderOf(profileId), { recursive: true, force: true })
    await this.deps.vault.remove(cacheKeyAccount(profileId))
  }

  private async readFile(
    profileId: string,
    accountId: string | null | undefined,
    path: string,
  ): Promise<CachedKeys | null> {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch {
      return null
    }
    try {
      const key = await this.keyOf(profileId, false)
      if (!key) throw new Error('its key is no longer in the keychain')
      const { data } = fileSchema.parse(JSON.parse(text))
      if (accountId !== undefined && data.accountId !== accountId) throw new Error('it is for another account')
      const plain = plainSchema.parse(JSON.parse(open(data.sealed, key, contextOf(profileId, data.accountId))))
      if (plain.accountId !== data.accountId) throw new Error('it names another account inside')
      return plain
    } catch (error) {
      rmSync(path, { force: true })
      this.deps.log.warn(
        `key cache for profile ${profileId}: could not be opened (${describeError(error)}); deleted, it is rebuilt on the next full load`,
      )
      return null
    }
  }

  private async keyOf(profileId: string, create: boolean): Promise<Buffer | null> {
    const stored = await this.deps.vault.read(cacheKeyAccount(profileId))
    const key = stored === null ? null : Buffer.from(stored, 'base64')
    if (key && key.length === CACHE_KEY_BYTES) return key
    if (!create) return null
    const fresh = newCacheKey()
    await this.deps.vault.write(cacheKeyAccount(profileId), fresh.toString('base64'))
    // Files sealed under a lost key can never open again.
    rmSync(this.folderOf(profileId), { recursive: true, force: true })
    return fresh
  }

  private folderOf(profileId: string): string {
    return join(this.deps.dir, hashed(profileId))
  }

  private fileOf(profileId: string, accountId: string | null): string {
    return join(this.folderOf(profileId), `${hashed(accountId ?? '')}.json`)
  }
}

const contextOf = (profileId: string, accountId: string | null): string =>
  `keywarden key cache v${FORMAT_VERSION}\u0000${profileId}\u0000${accountId ?? ''}`
