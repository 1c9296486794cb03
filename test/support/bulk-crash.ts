/**
 * Crash points and a "user" for the bulk crash tests: kill the host process the moment the proxy has
 * dealt with a chosen request, and after a restart take every secret Keywarden offers (recovered
 * secrets and a bulk run's held ones) the way the renderer does, counting what reached the user.
 *
 *   const crashed = crashOnExchange(harness, { method: 'DELETE', path: /apikeys\//, fault: { kind: 'drop-response' } })
 *   await crashed
 *   await harness.restart()
 *   const user = await takeEverything(harness.client, runId)
 */
import type { ProxiedHost } from '../chaos/proxied-host'
import type { Exchange, Fault } from './fault-proxy'
import type { HostClient } from './host-contract-client'

export const KEYS_PATH = '/gateway/v1/apikeys'

/** Which request to crash on: its method and path, and which of the matching ones (1-based). */
export interface CrashPoint {
  method: string
  path: string | RegExp
  nth?: number
  /** What the proxy does to it; by default it forwards it and its answer. */
  fault?: Fault
}

/**
 * The host is SIGKILLed as soon as the proxy has dealt with the chosen request: for a dropped answer,
 * after the server acted and before the host heard. Resolves with that exchange once the host is gone.
 */
export function crashOnExchange(h: ProxiedHost, point: CrashPoint): Promise<Exchange> {
  const { method, path, nth = 1, fault } = point
  if (fault) h.proxy.addRule({ method, path, nth, fault })
  const matches = (e: Exchange) =>
    e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path))
  let seen = 0
  return new Promise((resolve) => {
    const stop = h.proxy.onExchange((exchange) => {
      if (!matches(exchange) || ++seen < nth) return
      stop()
      // Synchronously, before the proxy drops or answers the client's connection.
      void h.crash().then(() => resolve(exchange))
    })
  })
}

export interface TakenByUser {
  /** Every value shown, per key id (a recovered secret or a bulk run's held one). */
  shown: Map<string, string[]>
  /** Keys reported as created without their secret seen. */
  unseen: Set<string>
  /** Notices read. */
  notices: string[]
}

/** Deals with every recovery found and takes every held secret of `runId`, as the renderer does (each shown, then acknowledged). */
export async function takeEverything(client: HostClient, runId?: string): Promise<TakenByUser> {
  const taken: TakenByUser = { shown: new Map(), unseen: new Set(), notices: [] }
  const show = (keyId: string, value: string) => taken.shown.set(keyId, [...(taken.shown.get(keyId) ?? []), value])
  for (const found of await client.call('listRecoveries')) {
    if (found.kind === 'secret') {
      const view = await client.call('recoveredSecret', { recoveryId: found.id })
      show(view.key.id, view.value)
    } else if (found.kind === 'unseen') taken.unseen.add(found.keyId)
    else taken.notices.push(found.message)
    await client.call('acknowledgeRecovery', { recoveryId: found.id })
  }
  if (runId) {
    for (let next = await client.call('takeBulkSecret', { runId }); next;) {
      show(next.key.id, next.value)
      await client.call('secretShown', { keyId: next.key.id })
      next = await client.call('takeBulkSecret', { runId })
    }
  }
  return taken
}
