import type { ErrorCode } from '@shared/domain/errors'
import { AppError } from '../errors'

/** The AppError code for an HTTP error status. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422 || status === 413) return 'VALIDATION'
  if (status === 401) return 'UNAUTHENTICATED'
  if (status === 403) return 'FORBIDDEN'
  if (status === 404) return 'NOT_FOUND'
  if (status === 409) return 'CONFLICT'
  return 'SERVER'
}

const RETRIABLE_STATUSES = new Set([502, 503, 504])

/** A gateway or proxy failure (502/503/504) that may pass: worth a retry where retrying is safe. */
export class TransientServerError extends AppError {}

/**
 * 429: the server did not handle the request and asks to wait. `retryAfterMs` is its Retry-After
 * (seconds or an HTTP date), null when it gave none. Safe to send again after the wait, whatever the method.
 */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super('SERVER', message)
  }
}

/** Longest wait a Retry-After may ask for before Keywarden gives up on the request instead. */
export const MAX_RETRY_AFTER_MS = 60_000
/** How long to wait after a 429 that did not say. */
export const DEFAULT_RETRY_AFTER_MS = 1_000

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : null
  const at = Date.parse(header)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/** Whether a failed attempt may pass if tried again: an unreachable, silent or overloaded server. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof TransientServerError ||
    (error instanceof AppError && (error.code === 'NETWORK' || error.code === 'TIMEOUT'))
  )
}

interface ServerError {
  message?: string
  field?: string
}

/** The server's own message (and the field it names) from `{"error": {message, details}}` or `{"error": "..."}`. */
export function serverError(body: unknown): ServerError {
  if (typeof body !== 'object' || body === null || !('error' in body)) return {}
  const error = body.error
  if (typeof error === 'string') return { message: error }
  if (typeof error !== 'object' || error === null) return {}
  const { message, details } = error as { message?: unknown; details?: unknown }
  const field =
    typeof details === 'object' && details !== null && 'field' in details && typeof details.field === 'string'
      ? details.field
      : undefined
  return { ...(typeof message === 'string' ? { message } : {}), ...(field ? { field } : {}) }
}

/** The error for an answer with an error status, in the server's words where it gave some. */
export function statusError(
  status: number,
  statusText: string,
  body: unknown,
  prefix: string,
  retryAfter: string | null = null,
): AppError {
  const { message, field } = serverError(body)
  if (status === 429)
    return new RateLimitedError(`${prefix}${message ?? `${status} ${statusText}`}`, retryAfterMs(retryAfter))
  const ErrorType = RETRIABLE_STATUSES.has(status) ? TransientServerError : AppError
  return new ErrorType(
    codeForStatus(status),
    `${prefix}${message ?? `${status} ${statusText}`}`,
    field && message ? { [field]: message } : undefined,
  )
}

const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/** Whether a failed request surely never reached the server: no connection could be made at all. */
export function neverConnected(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code
    if (typeof code === 'string' && NOT_CONNECTED.has(code)) return true
    current = current.cause
  }
  return false
}
