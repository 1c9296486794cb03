import type { StoredKey } from '../keys/key-store'
import { toWireTime, toWireTimeOrNull } from '../timestamps'

// Pulse wire format (docs/remote-apis.md, "pulse"). The secret appears only in PulseKeyCreated.

export interface PulseKeyResource {
  id: string
  apiKey: string
  name: string
  accountId: string
  permissions: string[]
  enabled: boolean
  expiresAt: string | null
  createdAt: string
  lastUsedAt: string | null
}

export type PulseKeyCreated = PulseKeyResource & { apiSecret: string }

export function toPulseKey(key: StoredKey): PulseKeyResource {
  return {
    id: key.id,
    apiKey: key.publicId ?? '',
    name: key.name,
    accountId: key.tenantId,
    permissions: [...key.permissions],
    enabled: key.status === 'active',
    expiresAt: toWireTimeOrNull(key.expiresAt),
    createdAt: toWireTime(key.createdAt),
    lastUsedAt: toWireTimeOrNull(key.lastUsedAt),
  }
}

export const toPulseKeyCreated = (key: StoredKey, apiSecret: string): PulseKeyCreated => ({
  ...toPulseKey(key),
  apiSecret,
})
