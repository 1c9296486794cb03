import type { CallInput, CallName, CallOutput, KeywardenBridge } from '../../../shared/contract'
import type { AppErrorData, Result } from '../../../shared/domain/errors'
import type { ProfilesOverview, SessionState } from '../../../shared/domain/session'

const missingBridge: AppErrorData = {
  code: 'INTERNAL',
  message: 'Keywarden cannot reach its main process. Restart the app.',
}

function bridge(): KeywardenBridge | undefined {
  return window.keywarden
}

/** A call whose input may be left out takes an optional argument; the others require it. */
export type InvokeArgs<K extends CallName> = undefined extends CallInput<K> ? [input?: CallInput<K>] : [input: CallInput<K>]

/**
 * Calls one contract entry and always resolves to a Result: a missing bridge or a rejected promise
 * becomes an INTERNAL error, so stores never need try/catch.
 */
export async function invoke<K extends CallName>(name: K, ...args: InvokeArgs<K>): Promise<Result<CallOutput<K>>> {
  const target = bridge()
  if (!target) return { ok: false, error: missingBridge }
  try {
    const fn = target[name] as (input?: CallInput<K>) => Promise<Result<CallOutput<K>>>
    // Calls without input get no argument at all rather than an explicit undefined.
    return await (args.length === 0 ? fn() : fn(args[0]))
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

/** Subscribes to profile list pushes from main; returns the unsubscribe function. */
export function onProfilesChanged(listener: (overview: ProfilesOverview) => void): () => void {
  const target = bridge()
  if (!target) return () => {}
  return target.onProfilesChanged(listener)
}
