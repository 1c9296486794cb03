import type { KeyCipher } from '../keys/key-cipher'
import { GATEWAY_KEY_FORMAT, maskKey, newKeyId, newKeyValue, secretSha256 } from '../keys/key-format'
import type { StoredKey } from '../keys/key-store'

export const GATEWAY_ID_PREFIX = 'apk_'

export interface NewGatewayKey {
  name: string
  scopes: readonly string[]
  createdBy: string
  createdAt: Date
  expiresAt?: Date | null
  lastUsedAt?: Date | null
  status?: StoredKey['status']
}

/** A gateway key and its one plain value. The value is kept encrypted: the gateway can reveal it again. */
export function newGatewayKey(cipher: KeyCipher, spec: NewGatewayKey): { key: StoredKey; value: string } {
  const id = newKeyId(GATEWAY_ID_PREFIX)
  const value = newKeyValue(GATEWAY_KEY_FORMAT)
  const key: StoredKey = {
    id,
    dialect: 'gateway',
    tenantId: '',
    name: spec.name,
    permissions: [...spec.scopes],
    status: spec.status ?? 'active',
    createdAt: spec.createdAt,
    expiresAt: spec.expiresAt ?? null,
    lastUsedAt: spec.lastUsedAt ?? null,
    notes: null,
    masked: maskKey(value, GATEWAY_KEY_FORMAT),
    publicId: null,
    secretSha256: secretSha256(value),
    encryptedSecret: cipher.encrypt(value, id),
    createdBy: spec.createdBy,
  }
  return { key, value }
}
