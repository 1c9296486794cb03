import type { StoredKey } from '../keys/key-store'
import { toWireTime, toWireTimeOrNull } from '../timestamps'
import { permissionsToRoles, type WalletRoles } from './roles'

// Wallet wire format (docs/remote-apis.md, "wallet"). A key's value appears only in WalletKeyCreated.

export interface WalletKeyResource {
  id: string
  walletId: string
  name: string
  maskedKey: string
  roles: WalletRoles
  expiresAt: string
  notes: string | null
  createdAt: string
  lastUsedAt: string | null
}

export interface WalletKeyCreated {
  apiKey: WalletKeyResource
  value: string
}

export function toWalletKey(key: StoredKey): WalletKeyResource {
  return {
    id: key.id,
    walletId: key.tenantId,
    name: key.name,
    maskedKey: key.masked,
    roles: permissionsToRoles(key.permissions),
    // Wallet keys always expire (expiry is required); the epoch only guards a malformed row.
    expiresAt: toWireTime(key.expiresAt ?? new Date(0)),
    notes: key.notes,
    createdAt: toWireTime(key.createdAt),
    lastUsedAt: toWireTimeOrNull(key.lastUsedAt),
  }
}

export const toWalletKeyCreated = (key: StoredKey, value: string): WalletKeyCreated => ({
  apiKey: toWalletKey(key),
  value,
})
