import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { ApiKey } from '@shared/domain/api-key'
import { describeError } from '../errors'
import type { Logger } from '../log'
import { writeDurableJson } from '../storage/durable-json-file'
import { profileAccountPrefix, type KeychainVault } from '../vault/keychain-vault'
import { CACHE_KEY_BYTES, newCacheKey } from './cache-cipher'
import { fileSchema, FORMAT_VERSION, openList, sealList, type OpenedList } from './cache-file'

/** A list as the last full load saw it: metadata only, never a key value or a secret. */
export interface CachedKeys {
  accountId: string | null
  keys: ApiKey[]
  /** When the list was read from the server, ISO 8601. */
  savedAt: string
}

export type { OpenedList } from './cache-file'

/** The keychain entry of a profile's cache key: under the profile's prefix, so removing the profile removes it. */
export const cacheKeyAccount = (profileId: string): string => `${profileAccountPrefix(profileId)}key-cache`

/** The file of a list's parts after its head, next to the head's file (`.json`). */
const partsOf = (path: string): string => path.replace(/\.json$/, '.parts')

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
    const path = this.fileOf(profileId, accountId)
    return this.whole(profileId, await this.openFile(profileId, accountId, path), path)
  }

  /**
   * The list last saved for this profile and account, opened part by part: its head at once, the
   * rest as `next()` asks (a part that cannot be opened deletes the file, logs one line and ends
   * the list there). Null when there is none (or its head could not be opened).
   */
  async open(profileId: string, accountId: string | null): Promise<OpenedList | null> {
    const path = this.fileOf(profileId, accountId)
    const opened = await this.openFile(profileId, accountId, path)
    if (!opened) return null
    let failed = false
    return {
      ...opened,
      next: () => {
        if (failed) return null
        try {
          return opened.next()
        } catch (error) {
          failed = true
          // A save that finished meanwhile replaced the files: they are fine, only this reading ends.
          if (this.savedSince(path, opened.writeId)) return null
          this.discard(profileId, path, error)
          return null
        }
      },
    }
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
    return newest ? this.whole(profileId, await this.openFile(profileId, undefined, newest.path), newest.path) : null
  }

  /** Saves a full list (written durably: fsync, then an atomic rename). */
  async write(profileId: string, accountId: string | null, keys: readonly ApiKey[], savedAt: string): Promise<void> {
    if (this.deps.profileExists && !this.deps.profileExists(profileId)) return
    const key = await this.keyOf(profileId, true)
    if (!key) return
    const path = this.fileOf(profileId, accountId)
    const { head, parts } = await sealList(profileId, accountId, keys, savedAt, key)
    // The parts first, then the head that names them: a crash in between leaves a pair that fails to open.
    if (parts) writeDurableJson(partsOf(path), FORMAT_VERSION, parts)
    else rmSync(partsOf(path), { force: true })
    writeDurableJson(path, FORMAT_VERSION, head)
  }

  /** Deletes every cached list of the profile and its key (sign-out, profile removal). */
  async forget(profileId: string): Promise<void> {
    rmSync(this.folderOf(profileId), { recursive: true, force: true })
    await this.deps.vault.remove(cacheKeyAccount(profileId))
  }

  /** Every part of an opened list; null when one cannot be opened (the file is then deleted). */
  private whole(profileId: string, opened: OpenedList | null, path: string): CachedKeys | null {
    if (!opened) return null
    const keys = [...opened.head]
    try {
      for (let part = opened.next(); part !== null; part = opened.next()) for (const key of part) keys.push(key)
    } catch (error) {
      this.discard(profileId, path, error)
      return null
    }
    return { accountId: opened.accountId, keys, savedAt: opened.savedAt }
  }

  private async openFile(
    profileId: string,
    accountId: string | null | undefined,
    path: string,
  ): Promise<OpenedList | null> {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch {
      return null
    }
    try {
      const key = await this.keyOf(profileId, false)
      if (!key) throw new Error('its key is no longer in the keychain')
      const file = fileSchema.parse(JSON.parse(text))
      if (accountId !== undefined && file.data.accountId !== accountId) throw new Error('it is for another account')
      return openList(file, profileId, key, () => JSON.parse(readFileSync(partsOf(path), 'utf8')))
    } catch (error) {
      this.discard(profileId, path, error)
      return null
    }
  }

  /** Whether the head file at `path` is now another save's than `writeId`'s. */
  private savedSince(path: string, writeId: string | null): boolean {
    try {
      const file = fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')))
      return file.version === 2 && file.data.writeId !== writeId
    } catch {
      return false
    }
  }

  private discard(profileId: string, path: string, error: unknown): void {
    rmSync(path, { force: true })
    rmSync(partsOf(path), { force: true })
    this.deps.log.warn(
      `key cache for profile ${profileId}: could not be opened (${describeError(error)}); deleted, it is rebuilt on the next full load`,
    )
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
