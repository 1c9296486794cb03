import type { IncomingMessage } from 'node:http'
import { HttpError } from '../http'
import { clientAddressOf } from '../throttle/client-address'
import type { FailureThrottle } from '../throttle/failure-throttle'
import { isWellFormedKey, secretSha256, type KeyFormat } from './key-format'
import type { Dialect, KeyStore, StoredKey } from './key-store'

/** Why a key was refused; sent in details.reason so a client can tell a typo from a revoked key. */
export type KeyRejection = 'missing' | 'malformed' | 'unknown' | 'disabled' | 'expired'

const MESSAGES: Record<KeyRejection, string> = {
  missing: 'An API key is required.',
  malformed: 'The API key is malformed (wrong format or checksum).',
  unknown: 'The API key is not valid.',
  disabled: 'The API key is disabled.',
  expired: 'The API key has expired.',
}

export const keyRejected = (reason: KeyRejection): HttpError =>
  new HttpError(401, 'unauthorized', MESSAGES[reason], { reason })

interface KeyAuthDeps {
  keys: KeyStore
  clock: () => Date
}

/** A refusal that means the caller does not hold a valid key (a guess), as opposed to a disabled or expired one. */
const isGuess = (error: unknown): boolean =>
  error instanceof HttpError &&
  error.status === 401 &&
  (error.details.reason === 'unknown' || error.details.reason === 'malformed')

/**
 * Runs a key check under the API-key throttle: 429 while this address (or this pulse public key id)
 * failed too often in the window, even for a valid key; an unknown or malformed key counts as a failure.
 */
export async function throttledKeyCheck<T>(
  throttles: { apiKeys: FailureThrottle },
  req: IncomingMessage,
  account: string | undefined,
  check: () => Promise<T>,
): Promise<T> {
  const subject = { address: clientAddressOf(req), ...(account === undefined ? {} : { account }) }
  throttles.apiKeys.check(subject)
  try {
    return await check()
  } catch (error) {
    if (isGuess(error)) throttles.apiKeys.fail(subject)
    throw error
  }
}

/**
 * A stored key that may be used now: 401 when it is disabled or past its expiry. On success the
 * key's lastUsedAt is set (the key authenticated, whatever the request is then allowed to do).
 */
export async function acceptKey(deps: KeyAuthDeps, key: StoredKey): Promise<StoredKey> {
  const now = deps.clock()
  if (key.status === 'disabled') throw keyRejected('disabled')
  if (key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime()) throw keyRejected('expired')
  await deps.keys.touch(key.id, now)
  return { ...key, lastUsedAt: now }
}

/**
 * Authenticates a presented key value of one dialect. The checksum is verified first, so a
 * mistyped key never reaches the database.
 */
export async function authenticateKey(
  deps: KeyAuthDeps & { throttles: { apiKeys: FailureThrottle } },
  req: IncomingMessage,
  dialect: Dialect,
  format: KeyFormat,
  header: string,
): Promise<StoredKey> {
  const value = req.headers[header]
  return throttledKeyCheck(deps.throttles, req, undefined, () => findKeyByValue(deps, dialect, format, value))
}

async function findKeyByValue(
  deps: KeyAuthDeps,
  dialect: Dialect,
  format: KeyFormat,
  value: string | string[] | undefined,
): Promise<StoredKey> {
  if (value === undefined || value === '') throw keyRejected('missing')
  if (Array.isArray(value) || !isWellFormedKey(value, format)) throw keyRejected('malformed')
  const key = await deps.keys.findBySecretSha256(secretSha256(value))
  if (!key || key.dialect !== dialect) throw keyRejected('unknown')
  return acceptKey(deps, key)
}
