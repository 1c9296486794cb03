import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { HttpError } from '../http'
import type { IdempotencyStore, IdempotentResponse, StoredKey } from './key-store'

/** An answer a create handler produces, and what a replay sends again. */
export interface CreateAnswer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/** What a create made: its answer and the id of the new key (a replay is tied to it). */
export interface Created extends CreateAnswer {
  keyId: string
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

/** The `Idempotency-Key` header, undefined when absent; 400 when it is not 1–255 visible ASCII characters. */
export function idempotencyKeyOf(req: IncomingMessage): string | undefined {
  const raw = req.headers['idempotency-key']
  if (raw === undefined) return undefined
  const value = Array.isArray(raw) ? raw.join(',') : raw
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new HttpError(400, 'invalid_request', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', {
      field: 'Idempotency-Key',
    })
  }
  return value
}

/** JSON with sorted object keys, so `{"a":1,"b":2}` and `{"b":2,"a":1}` count as the same body. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

// Concurrent repeats of one request must not both create: the second waits for the first.
const inFlight = new WeakMap<IdempotencyStore, Map<string, Promise<CreateAnswer>>>()

export interface IdempotentRequest {
  /** From idempotencyKeyOf; undefined = no header, `create` simply runs. */
  key: string | undefined
  /** Where the key is unique: dialect + tenant, e.g. `wallet:wal_main`. */
  scope: string
  /** Who asks (username or pulse key id): only the first request's caller may replay it. */
  caller: string
  /** The parsed request body (and anything else that must match, e.g. an account header). */
  request: unknown
  /** The key a stored answer made, as it is now (undefined = deleted). */
  findKey: (id: string) => Promise<StoredKey | undefined>
  now: Date
}

const replayOfGoneKey = (message: string, status: number): HttpError =>
  new HttpError(
    status,
    status === 410 ? 'gone' : 'conflict',
    `${message} Its secret is not shown again; send a new Idempotency-Key to create another key.`,
    {
      field: 'Idempotency-Key',
    },
  )

/** 409/410 unless the stored answer may be sent again to this caller. */
async function checkReplay(
  stored: IdempotentResponse,
  { caller, findKey, now }: IdempotentRequest,
  requestSha256: string,
): Promise<void> {
  if (stored.owner !== caller) {
    throw new HttpError(
      409,
      'conflict',
      'This Idempotency-Key was already used by another caller here; send a new Idempotency-Key.',
      { field: 'Idempotency-Key' },
    )
  }
  if (stored.requestSha256 !== requestSha256) {
    throw new HttpError(422, 'unprocessable', 'This Idempotency-Key was already used with a different request.', {
      field: 'Idempotency-Key',
    })
  }
  const key = stored.body === undefined ? undefined : await findKey(stored.keyId)
  if (!key) throw replayOfGoneKey('The API key this Idempotency-Key created has been deleted.', 410)
  if (key.status !== 'active') throw replayOfGoneKey('The API key this Idempotency-Key created has been disabled.', 409)
  if (key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime())
    throw replayOfGoneKey('The API key this Idempotency-Key created has expired.', 409)
}

/**
 * Runs `create` at most once per (scope, Idempotency-Key): a repeat by the same caller with the same
 * request gets the stored answer (same key value, same secret) with `Idempotent-Replayed: true`, as
 * long as that key still exists and is active (else 410/409); another request gets 422, another
 * caller 409. Only successful answers are stored, so a failed create can be retried.
 */
export async function withIdempotency(
  store: IdempotencyStore,
  idempotent: IdempotentRequest,
  create: () => Promise<Created>,
): Promise<CreateAnswer> {
  const { key, scope, caller, request } = idempotent
  if (key === undefined) return create()
  const requestSha256 = createHash('sha256').update(canonicalJson(request)).digest('hex')
  const pending = inFlight.get(store) ?? new Map<string, Promise<CreateAnswer>>()
  inFlight.set(store, pending)
  const slot = `${scope}\u0000${key}`

  for (;;) {
    const earlier = pending.get(slot)
    if (!earlier) break
    await earlier.catch(() => undefined)
  }
  const run = (async (): Promise<CreateAnswer> => {
    const stored = await store.get(scope, key)
    if (stored) {
      await checkReplay(stored, idempotent, requestSha256)
      return { status: stored.status, body: stored.body, headers: { ...stored.headers, 'Idempotent-Replayed': 'true' } }
    }
    const answer = await create()
    if (answer.status >= 200 && answer.status < 300) {
      const { keyId, ...response } = answer
      await store.put(scope, key, { requestSha256, owner: caller, keyId, ...response })
    }
    return answer
  })()
  pending.set(slot, run)
  try {
    return await run
  } finally {
    if (pending.get(slot) === run) pending.delete(slot)
  }
}
