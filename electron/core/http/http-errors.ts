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

/** The server's 429: too many requests; `retryAfterMs` is how long it asked the client to wait. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super('SERVER', message)
  }
}

/** Longest wait a Retry-After may ask for before Keywarden gives up on the request instead. */
export const MAX_RETRY_AFTER_MS = 60_000
const DEFAULT_RETRY_AFTER_MS = 1_000

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from `now`; a default when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null) return DEFAULT_RETRY_AFTER_MS
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - now)
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
