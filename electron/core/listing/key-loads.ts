import { randomUUID } from 'node:crypto'
import type { ApiKey } from '@shared/domain/api-key'
import type { AppErrorData } from '@shared/domain/errors'
import type { KeyLoadStart } from '@shared/contracts/fleet'
import type { KeyCache, OpenedList } from '../cache/key-cache'
import type { Clock } from '../clock'
import type { ActiveScope, ConnectionRegistry } from '../connections/connection-registry'
import { AppError, describeError, isAppError } from '../errors'
import type { SecretCopies } from '../keys/secret-copies'
import type { Logger } from '../log'
import type { EventSink } from '../platform'
import { PageWalk } from './page-walk'

/** The failures that mean the server could not be reached (then the cache is the list shown, read-only). */
const OFFLINE = new Set(['NETWORK', 'TIMEOUT'])

export interface KeyLoadsDeps {
  connections: Pick<ConnectionRegistry, 'active' | 'activeScope' | 'track'>
  copies: SecretCopies
  cache: KeyCache
  clock: Clock
  emit: EventSink
  log: Logger
  /** Pages read at once where the paging allows it. */
  concurrency?: number
}

interface RunningLoad {
  id: string
  profileId: string
  accountId: string | null
  walk: PageWalk
  controller: AbortController
  /** Every key received, for the cache once the list is complete. */
  keys: ApiKey[]
}

/**
 * The key list of the active profile and account, streamed to the renderer page by page as it
 * arrives (`keyPage`), one load at a time: a new load, a profile or an account switch cancels the
 * one before at once. A complete list is saved to the encrypted offline cache.
 */
export class KeyLoads {
  private current: RunningLoad | undefined

  constructor(private readonly deps: KeyLoadsDeps) {}

  async start(): Promise<KeyLoadStart> {
    this.cancelCurrent()
    const connection = this.deps.connections.active()
    const profileId = connection.profile.id
    let scope: ActiveScope
    try {
      scope = await this.deps.connections.activeScope()
    } catch (error) {
      // Offline (the session could not be restored, or the accounts not listed): the cache, read-only.
      const offline = connection.offlineError ?? (isOffline(error) ? (error as AppError).message : undefined)
      const cached = offline === undefined ? null : await this.deps.cache.readLatest(profileId)
      if (!cached || offline === undefined) throw error
      return {
        loadId: null,
        profileId,
        accountId: cached.accountId,
        localCopyKeyIds: await this.deps.copies.keyIds(profileId).catch(() => []),
        cached: { keys: cached.keys, savedAt: cached.savedAt, total: cached.keys.length },
        offline,
      }
    }
    const { accountId } = scope
    // Only the cache's head is opened before answering; its other parts follow as events.
    const [cached, localCopyKeyIds] = await Promise.all([
      this.deps.cache.open(profileId, accountId),
      this.deps.copies.keyIds(profileId),
    ])
    const load = this.begin(scope, cached)
    return {
      loadId: load.id,
      profileId,
      accountId,
      localCopyKeyIds,
      cached: cached ? { keys: cached.head, savedAt: cached.savedAt, total: cached.total } : null,
      offline: null,
    }
  }

  cancel(loadId: string): void {
    if (this.current?.id === loadId) this.cancelCurrent()
  }

  /** Resumes the failed load from the page that failed; the rows already sent stay. */
  retry(loadId: string): void {
    const load = this.current
    if (!load || load.id !== loadId) throw new AppError('NOT_FOUND', 'That key list load is over; load the keys again.')
    if (load.controller.signal.aborted) throw new AppError('CANCELLED', 'That key list load was cancelled.')
    void this.drive(load)
  }

  /** Forgets the running load (sign-out). */
  stop(): void {
    this.cancelCurrent()
  }

  private begin(scope: ActiveScope, cached: OpenedList | null): RunningLoad {
    const controller = new AbortController()
    const context = scope.context()
    // The connection's signal aborts on a profile or account switch; ours on a new load or Cancel.
    const signal = AbortSignal.any([context.signal, controller.signal])
    const { connection, accountId } = scope
    const id = randomUUID()
    const keys: ApiKey[] = []
    const walk = new PageWalk(
      (ref) => this.deps.connections.track(connection, connection.adapter.readKeyPage({ ...context, signal }, ref)),
      {
        page: (pageKeys, progress) => {
          for (const key of pageKeys) keys.push(key)
          if (signal.aborted) return
          this.deps.emit('keyPage', {
            loadId: id,
            profileId: connection.profile.id,
            accountId,
            keys: pageKeys,
            ...progress,
            done: false,
            fetchedAt: this.now(),
          })
        },
      },
      signal,
      this.deps.concurrency,
    )
    const load: RunningLoad = { id, profileId: connection.profile.id, accountId, walk, controller, keys }
    this.current = load
    void this.sendCached(load, cached, signal).then(() => this.drive(load))
    return load
  }

  /**
   * The cached list's parts after its head, one event each, before the first live page is read:
   * the answer leaves first, and each part is opened only after the one before was sent.
   */
  private async sendCached(load: RunningLoad, cached: OpenedList | null, signal: AbortSignal): Promise<void> {
    if (!cached) return
    let loaded = cached.head.length
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      if (signal.aborted || this.current !== load) return
      const keys = cached.next()
      if (keys === null) return
      loaded += keys.length
      this.deps.emit('keyPage', {
        loadId: load.id,
        profileId: load.profileId,
        accountId: load.accountId,
        keys,
        loaded,
        total: cached.total,
        done: false,
        fetchedAt: cached.savedAt,
        cached: true,
      })
    }
  }

  private async drive(load: RunningLoad): Promise<void> {
    const outcome = await load.walk.run()
    if (outcome.status === 'cancelled' || this.current !== load) return
    const base = { loadId: load.id, profileId: load.profileId, accountId: load.accountId, ...load.walk.progress }
    if (outcome.status === 'failed') {
      const error = errorData(outcome.error)
      if (!isAppError(outcome.error)) this.deps.log.error(`key list load failed: ${describeError(outcome.error)}`)
      this.deps.emit('keyLoadFailed', { ...base, error, offline: OFFLINE.has(error.code) })
      return
    }
    const fetchedAt = this.now()
    this.deps.emit('keyPage', { ...base, keys: [], done: true, fetchedAt })
    this.current = undefined
    try {
      await this.deps.cache.write(load.profileId, load.accountId, load.keys, fetchedAt)
    } catch (error) {
      // The list on screen is complete either way; the next full load tries again.
      this.deps.log.warn(`key cache for profile ${load.profileId}: not saved: ${describeError(error)}`)
    }
  }

  private cancelCurrent(): void {
    this.current?.controller.abort()
    this.current = undefined
  }

  private now(): string {
    return new Date(this.deps.clock.now()).toISOString()
  }
}

function isOffline(error: unknown): boolean {
  return isAppError(error) && OFFLINE.has(error.code)
}

function errorData(error: unknown): AppErrorData {
  return isAppError(error)
    ? error.toData()
    : new AppError('INTERNAL', 'Something went wrong in Keywarden. The details are in the log.').toData()
}
