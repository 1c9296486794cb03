import { ApiKeyCipher, maskApiKey, newApiKeyId, newApiKeyValue, sha256Hex } from './api-key-material'
import type { ApiKeyStatus, ApiKeyStore, StoredApiKey } from './api-key-store'

const DAY_MS = 24 * 60 * 60 * 1000

interface DemoKey {
  name: string
  scopes: string
  createdDaysAgo: number
  /** Negative = already expired. */
  expiresInDays?: number
  lastUsedDaysAgo?: number
  status?: ApiKeyStatus
}

// Covers every state the key table shows: expired, expiring soon, disabled, never used.
const DEMO_KEYS: readonly DemoKey[] = [
  { name: 'checkout-service', scopes: 'sale:read sale:write transaction:read', createdDaysAgo: 320, lastUsedDaysAgo: 0.05 },
  { name: 'nightly-reports', scopes: 'transaction:read refund:read payout:read', createdDaysAgo: 200, lastUsedDaysAgo: 0.4 },
  { name: 'refund-worker', scopes: 'refund:read refund:write transaction:read', createdDaysAgo: 150, expiresInDays: 215, lastUsedDaysAgo: 2 },
  { name: 'payout-reconciler', scopes: 'payout:read payout:write', createdDaysAgo: 300, expiresInDays: -30, lastUsedDaysAgo: 35 },
  { name: 'crm-sync', scopes: 'customer:read customer:write', createdDaysAgo: 90, expiresInDays: 5 },
  { name: 'legacy-webshop', scopes: 'sale:read sale:write', createdDaysAgo: 360, expiresInDays: -60, lastUsedDaysAgo: 61 },
  { name: 'support-dashboard', scopes: 'sale:read transaction:read customer:read', createdDaysAgo: 45, lastUsedDaysAgo: 20, status: 'Disabled' },
  { name: 'load-test-2024', scopes: 'sale:write', createdDaysAgo: 250, expiresInDays: -100 },
]

export async function seedDemoKeys(store: ApiKeyStore, cipher: ApiKeyCipher, now = Date.now()): Promise<void> {
  const daysFromNow = (days: number): Date => new Date(Math.round(now + days * DAY_MS))
  for (const demo of DEMO_KEYS) {
    const id = newApiKeyId()
    const value = newApiKeyValue()
    const key: StoredApiKey = {
      id,
      name: demo.name,
      scopes: demo.scopes.split(' '),
      status: demo.status ?? 'Active',
      createdAt: daysFromNow(-demo.createdDaysAgo),
      expiresAt: demo.expiresInDays === undefined ? null : daysFromNow(demo.expiresInDays),
      lastUsedAt: demo.lastUsedDaysAgo === undefined ? null : daysFromNow(-demo.lastUsedDaysAgo),
      maskedApiKey: maskApiKey(value),
      keySha256: sha256Hex(value),
      encryptedKey: cipher.encrypt(value, id),
    }
    await store.insert(key)
  }
}
