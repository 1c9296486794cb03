import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { HttpError } from '../http'
import type { IdempotencyStore } from './key-store'

/** An answer a create handler produces, and what a replay sends again. */
export interface CreateAnswer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

/** The `Idempotency-Key` header, undefined when absent; 400 when it is not 1–255 visible ASCII characters. */
export function idempotencyKeyOf(req: IncomingMessage): string | undefined {
  const raw = req.headers['idempotency-key']
  if (raw === undefined) return undefined
  const value = Array.isArray(raw) ? raw.join(',') : raw
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new HttpError(400, 'invalid_request', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', { field: 'Idempotency-Key' })
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
  /** Who may replay: dialect + tenant + caller, e.g. `gateway::admin`. */
  scope: string
  /** The parsed request body (and anything else that must match, e.g. an account header). */
  request: unknown
}

/**
 * Runs `create` at most once per (scope, Idempotency-Key): a repeat with the same request gets
 * the stored answer (same key value, same secret) with `Idempotent-Replayed: true`; a repeat with
 * another request gets 422. Only successful answers are stored, so a failed create can be retried.
 */
export async function withIdempotency(store: IdempotencyStore, { key, scope, request }: IdempotentRequest, create: () => Promise<CreateAnswer>): Promise<CreateAnswer> {
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
      if (stored.requestSha256 !== requestSha256) {
        throw new HttpError(422, 'unprocessable', 'This Idempotency-Key was already used with a different request.', { field: 'Idempotency-Key' })
      }
      return { status: stored.status, body: stored.body, headers: { ...stored.headers, 'Idempotent-Replayed': 'true' } }
    }
    const answer = await create()
    if (answer.status >= 200 && answer.status < 300) {
      await store.put(scope, key, { requestSha256, status: answer.status, body: answer.body, ...(answer.headers ? { headers: answer.headers } : {}) })
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
