import type { SandboxDeps } from '../deps'
import type { StoredKey } from '../keys/key-store'
import { newGatewayKey } from './new-key'

const DAY_MS = 24 * 60 * 60 * 1000

interface DemoKey {
  name: string
  scopes: string
  createdDaysAgo: number
  /** Negative = already expired. */
  expiresInDays?: number
  lastUsedDaysAgo?: number
  status?: StoredKey['status']
  createdBy: string
}

// Covers every state the key table shows: expired, expiring within a week, disabled, never used.
// The app's gateway adapter tests name exactly these eight keys; add keys there too when adding here.
const DEMO_KEYS: readonly DemoKey[] = [
  {
    name: 'checkout-service',
    scopes: 'sale:read sale:write transaction:read',
    createdDaysAgo: 320,
    lastUsedDaysAgo: 0.05,
    createdBy: 'admin',
  },
  {
    name: 'nightly-reports',
    scopes: 'transaction:read refund:read payout:read',
    createdDaysAgo: 200,
    lastUsedDaysAgo: 0.4,
    createdBy: 'support',
  },
  {
    name: 'refund-worker',
    scopes: 'refund:read refund:write transaction:read',
    createdDaysAgo: 150,
    expiresInDays: 215,
    lastUsedDaysAgo: 2,
    createdBy: 'admin',
  },
  {
    name: 'payout-reconciler',
    scopes: 'payout:read payout:write',
    createdDaysAgo: 300,
    expiresInDays: -30,
    lastUsedDaysAgo: 35,
    createdBy: 'admin',
  },
  {
    name: 'crm-sync',
    scopes: 'customer:read customer:write',
    createdDaysAgo: 90,
    expiresInDays: 5,
    createdBy: 'admin',
  },
  {
    name: 'legacy-webshop',
    scopes: 'sale:read sale:write',
    createdDaysAgo: 360,
    expiresInDays: -60,
    lastUsedDaysAgo: 61,
    createdBy: 'admin',
  },
  {
    name: 'support-dashboard',
    scopes: 'sale:read transaction:read customer:read',
    createdDaysAgo: 45,
    lastUsedDaysAgo: 20,
    status: 'disabled',
    createdBy: 'support',
  },
  { name: 'load-test-2024', scopes: 'sale:write', createdDaysAgo: 250, expiresInDays: -100, createdBy: 'admin' },
]

export async function seedGateway({ keys, cipher, clock }: SandboxDeps): Promise<void> {
  const now = clock().getTime()
  const daysFromNow = (days: number): Date => new Date(Math.round((now + days * DAY_MS) / 1000) * 1000)
  for (const demo of DEMO_KEYS) {
    const { key } = newGatewayKey(cipher, {
      name: demo.name,
      scopes: demo.scopes.split(' '),
      createdBy: demo.createdBy,
      createdAt: daysFromNow(-demo.createdDaysAgo),
      expiresAt: demo.expiresInDays === undefined ? null : daysFromNow(demo.expiresInDays),
      lastUsedAt: demo.lastUsedDaysAgo === undefined ? null : daysFromNow(-demo.lastUsedDaysAgo),
      status: demo.status ?? 'active',
    })
    await keys.insert(key)
  }
}
