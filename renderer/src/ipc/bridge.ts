import type { CallInput, CallName, CallOutput, EventName, EventPayload, KeywardenBridge } from '@shared/contract'
import { subscriberNameOf } from '@shared/contract'
import type { AppErrorData, Result } from '@shared/domain/errors'

// The renderer's only way out: nothing else in renderer/ reads `window.keywarden`. Stores and hooks
// call `invoke` and `subscribe`; dialogs and screens call the stores and hooks.

const missingBridge: AppErrorData = {
  code: 'INTERNAL',
  message: 'Keywarden cannot reach its main process. Restart the app.',
}

function bridge(): KeywardenBridge | undefined {
  return window.keywarden
}

/** A call whose input may be left out takes an optional argument; the others require it. */
export type InvokeArgs<K extends CallName> =
  undefined extends CallInput<K> ? [input?: CallInput<K>] : [input: CallInput<K>]

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

/** Follows one of main's pushes; returns the unsubscribe function (a no-op without a bridge). */
export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const target = bridge()
  if (!target) return () => {}
  const on = target[subscriberNameOf(event)] as (listener: (payload: EventPayload<E>) => void) => () => void
  return on(listener)
}
