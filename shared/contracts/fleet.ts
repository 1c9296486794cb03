import { z } from 'zod'
import { call, event, noInput } from '../contract-kit'
import type { ApiKey } from '../domain/api-key'
import type { AppErrorData } from '../domain/errors'

/**
 * The fleet part of the IPC contract: the key list streamed page by page as it arrives, and the
 * encrypted offline cache shown until it does.
 */

/** What `startKeyLoad` answers at once; the live rows follow as `keyPage` events with its `loadId`. */
export interface KeyLoadStart {
  /** Null when no live load started (the server cannot be reached: only the cache is shown). */
  loadId: string | null
  profileId: string
  accountId: string | null
  /** Keys of which this computer's keychain holds a copy (they can be revealed and tried). */
  localCopyKeyIds: string[]
  /**
   * The list saved after the last full load, shown until live rows arrive; null when there is none.
   * `keys` may be its first part only: the rest follow as `keyPage` events marked `cached`, before
   * any live page, until `total` keys came.
   */
  cached: { keys: ApiKey[]; savedAt: string; total: number } | null
  /** Set when the server cannot be reached and only the cache is shown: why, for the banner. */
  offline: string | null
}

/** One page of a running load; the last event of a load has `done: true` (and may carry no keys). */
export interface KeyPageEvent {
  loadId: string
  profileId: string
  accountId: string | null
  keys: ApiKey[]
  /** Keys received so far in this load, this page included. */
  loaded: number
  /** Keys the server says the list holds; null where it does not say. */
  total: number | null
  done: boolean
  /** When this page was read, ISO 8601. */
  fetchedAt: string
  /** A further part of the cached list (see `KeyLoadStart.cached`), not a live page: `loaded` and `total` count the cache. */
  cached?: true
}

/** A page failed: the rows received so far stay; `retryKeyLoad` resumes from the failed page. */
export interface KeyLoadFailedEvent {
  loadId: string
  profileId: string
  accountId: string | null
  error: AppErrorData
  loaded: number
  total: number | null
  /** The server could not be reached (not a refusal). */
  offline: boolean
}

const loadRef = z.object({ loadId: z.string().min(1).max(100) }).strict()

export const fleetCalls = {
  /** Starts reading the active account's keys page by page (cancelling any load before it); answers with the cache. */
  startKeyLoad: call<KeyLoadStart>()(noInput),
  /** Stops a load; the rows received stay. */
  cancelKeyLoad: call<void>()(loadRef),
  /** Resumes a failed load from the page that failed. */
  retryKeyLoad: call<void>()(loadRef),
} as const

export const fleetEvents = {
  keyPage: event<KeyPageEvent>(),
  keyLoadFailed: event<KeyLoadFailedEvent>(),
} as const
