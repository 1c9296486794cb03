import type { CallName, CallOutput, KeywardenBridge } from '../../../shared/contract'
import type { AppErrorData, Result } from '../../../shared/domain/errors'
import type { SessionState } from '../../../shared/domain/session'

const missingBridge: AppErrorData = {
  code: 'INTERNAL',
  message: 'Keywarden cannot reach its main process. Restart the app.',
}

function bridge(): KeywardenBridge | undefined {
  return window.keywarden
}

/**
 * Calls one contract entry and always resolves to a Result: a missing bridge or a rejected promise
 * becomes an INTERNAL error, so stores never need try/catch.
 */
export async function invoke<K extends CallName>(name: K): Promise<Result<CallOutput<K>>> {
  const target = bridge()
  if (!target) return { ok: false, error: missingBridge }
  try {
    // Every call of the walking skeleton takes no input; widen here when one does.
    const fn = target[name] as () => Promise<Result<CallOutput<K>>>
    return await fn()
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause)
    return { ok: false, error: { code: 'INTERNAL', message: `Unexpected failure: ${message}` } }
  }
}

/** Subscribes to session pushes from main; returns the unsubscribe function. */
export function onSessionChanged(listener: (session: SessionState) => void): () => void {
  const target = bridge()
  if (!target) return () => {}
  return target.onSessionChanged(listener)
}
