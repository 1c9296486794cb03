import type { PulseResource } from '../roles'
import { toWireTime } from '../timestamps'

/** Stand-in data so a key can be tried; only its shape (a list per resource) matters. */
export function demoItems(resource: PulseResource, accountId: string): Array<Record<string, unknown>> {
  const kind = resource.toLowerCase().replace(/s$/, '')
  return [1, 2, 3].map((n) => ({
    id: `${kind}-${accountId}-${n}`,
    accountId,
    createdAt: toWireTime(new Date(Date.UTC(2026, 1, n))),
  }))
}
