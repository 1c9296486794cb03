import type { ErrorCode } from '@shared/domain/errors'
import type { SessionState } from '@shared/domain/session'
import { isAppError } from '../errors'
import type { Connection } from './connection'

/** The failures that mean a profile's server could not be reached, not that it refused. */
const OFFLINE_CODES: ReadonlySet<ErrorCode> = new Set(['NETWORK', 'TIMEOUT'])

/**
 * Runs a connection's request, marking it offline when its server cannot be reached and online
 * again on success; `changed` is told whenever the mark flips.
 */
export async function trackOffline<T>(connection: Connection, work: Promise<T>, changed: () => void): Promise<T> {
  try {
    const result = await work
    if (connection.offlineError) {
      connection.offlineError = undefined
      changed()
    }
    return result
  } catch (error) {
    if (isAppError(error) && OFFLINE_CODES.has(error.code)) {
      connection.offlineError = error.message
      changed()
    }
    throw error
  }
}

/** Why a restored session is offline: its restore failed because the server was unreachable. */
export function offlineAfterRestore(state: SessionState): string | undefined {
  if (state.status !== 'signed-out' || !state.lastError || !state.lastErrorCode) return undefined
  return OFFLINE_CODES.has(state.lastErrorCode) ? state.lastError : undefined
}
