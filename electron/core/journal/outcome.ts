import type { ErrorCode } from '@shared/domain/errors'
import { isAppError } from '../errors'

/**
 * Codes that mean the server surely did not act (it refused the request, or it never left): an
 * operation that failed so is over. Any other failure (the connection dropped, a timeout, a 5xx, an
 * answer we could not read) leaves it open: the server may have acted, and the journal keeps it.
 */
const REFUSED: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'VALIDATION',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'REAUTH_REQUIRED',
  'LOCKED',
  'KEYCHAIN',
])

export function surelyNotDone(error: unknown): boolean {
  return isAppError(error) && REFUSED.has(error.code)
}

/** A failure worth trying again later (the server was away or failed), as opposed to an answer. */
export function worthRetrying(error: unknown): boolean {
  if (!isAppError(error)) return true
  return ['NETWORK', 'TIMEOUT', 'SERVER', 'CANCELLED', 'UNAUTHENTICATED', 'BAD_RESPONSE', 'INTERNAL'].includes(
    error.code,
  )
}
