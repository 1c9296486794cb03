import { toWireTime } from '../timestamps'
import type { WalletResource } from './roles'

/** Stand-in data so a key can be tried; only its shape (a list per resource) matters. */
export function demoItems(resource: WalletResource, walletId: string): Array<Record<string, unknown>> {
  return [1, 2].map((n) => ({
    id: `${resource}_${walletId}_${n}`,
    resource,
    walletId,
    createdAt: toWireTime(new Date(Date.UTC(2026, 0, n))),
  }))
}
