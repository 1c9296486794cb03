import type { SandboxDeps } from '../deps'
import { maskKey, newKeyValue, PULSE_SECRET_FORMAT, secretSha256 } from '../keys/key-format'
import type { StoredKey } from '../keys/key-store'
import { newPulseKeyId, newPulsePublicId } from './credentials'
import { normalizePermissions } from './permissions'

const DAY_MS = 24 * 60 * 60 * 1000

interface DemoPulseKey {
  accountId: string
  name: string
  permissions: string
  createdDaysAgo: number
  /** Absent = never expires; negative = already expired. */
  expiresInDays?: number
  lastUsedDaysAgo?: number
  enabled?: boolean
  createdBy: string
}

// Every state the key table shows, on every account: never expiring, expired, expiring within a
// week, disabled, never used. The secrets are thrown away: nobody can log in with these keys.
const DEMO_KEYS: readonly DemoPulseKey[] = [
  {
    accountId: 'acc_northwind',
    name: 'storefront-api',
    permissions: 'readApplications readMerchants writeMerchants readTransactions',
    createdDaysAgo: 150,
    lastUsedDaysAgo: 0.01,
    createdBy: 'admin',
  },
  {
    accountId: 'acc_northwind',
    name: 'settlement-worker',
    permissions: 'readTransactions readPayouts writePayouts',
    createdDaysAgo: 200,
    expiresInDays: 165,
    lastUsedDaysAgo: 0.1,
    createdBy: 'admin',
  },
  {
    accountId: 'acc_northwind',
    name: 'merchant-onboarding',
    permissions: 'readApplications writeApplications readMerchants writeMerchants',
    createdDaysAgo: 80,
    expiresInDays: 5,
    lastUsedDaysAgo: 2,
    createdBy: 'admin',
  },
  {
    accountId: 'acc_northwind',
    name: 'key-rotation-bot',
    permissions: 'readApiKeys writeApiKeys',
    createdDaysAgo: 30,
    lastUsedDaysAgo: 1,
    createdBy: 'support',
  },
  {
    accountId: 'acc_northwind',
    name: 'old-dashboard',
    permissions: 'readTransactions readMerchants',
    createdDaysAgo: 300,
    lastUsedDaysAgo: 90,
    enabled: false,
    createdBy: 'support',
  },
  {
    accountId: 'acc_northwind',
    name: 'pentest-2025',
    permissions: 'readApplications readMerchants readTransactions readPayouts',
    createdDaysAgo: 400,
    expiresInDays: -30,
    lastUsedDaysAgo: 31,
    createdBy: 'admin',
  },
  {
    accountId: 'acc_contoso',
    name: 'booking-engine',
    permissions: 'readApplications writeApplications readTransactions',
    createdDaysAgo: 220,
    lastUsedDaysAgo: 0.05,
    createdBy: 'admin',
  },
  {
    accountId: 'acc_contoso',
    name: 'refund-processor',
    permissions: 'readTransactions writeTransactions',
    createdDaysAgo: 100,
    expiresInDays: 265,
    lastUsedDaysAgo: 0.7,
    createdBy: 'admin',
  },
  {
    accountId: 'acc_contoso',
    name: 'partner-reports',
    permissions: 'readTransactions readPayouts',
    createdDaysAgo: 360,
    expiresInDays: 3,
    lastUsedDaysAgo: 4,
    createdBy: 'support',
  },
  {
    accountId: 'acc_contoso',
    name: 'ci-smoke-tests',
    permissions: 'readApplications',
    createdDaysAgo: 40,
    expiresInDays: 50,
    enabled: false,
    createdBy: 'support',
  },
  {
    accountId: 'acc_contoso',
    name: 'legacy-gds',
    permissions: 'readMerchants',
    createdDaysAgo: 500,
    expiresInDays: -100,
    lastUsedDaysAgo: 101,
    createdBy: 'admin',
  },
  {
    accountId: 'acc_fabrikam',
    name: 'game-store',
    permissions: 'readMerchants readTransactions writeTransactions',
    createdDaysAgo: 260,
    lastUsedDaysAgo: 0.02,
    createdBy: 'admin',
  },
  {
    accountId: 'acc_fabrikam',
    name: 'payout-cron',
    permissions: 'readPayouts writePayouts',
    createdDaysAgo: 190,
    expiresInDays: 175,
    lastUsedDaysAgo: 0.9,
    createdBy: 'admin',
  },
  {
    accountId: 'acc_fabrikam',
    name: 'fraud-monitor',
    permissions: 'readTransactions readApplications',
    createdDaysAgo: 70,
    expiresInDays: 6,
    lastUsedDaysAgo: 0.4,
    createdBy: 'admin',
  },
  {
    accountId: 'acc_fabrikam',
    name: 'merchant-import-old',
    permissions: 'readMerchants writeMerchants',
    createdDaysAgo: 330,
    expiresInDays: -20,
    lastUsedDaysAgo: 25,
    enabled: false,
    createdBy: 'admin',
  },
  {
    accountId: 'acc_fabrikam',
    name: 'beta-partner',
    permissions: 'readApplications',
    createdDaysAgo: 15,
    expiresInDays: 75,
    createdBy: 'admin',
  },
  {
    accountId: 'acc_fabrikam',
    name: 'support-tools',
    permissions: 'readApplications readMerchants readTransactions readPayouts readApiKeys',
    createdDaysAgo: 120,
    lastUsedDaysAgo: 5,
    createdBy: 'admin',
  },
]

export async function seedPulse({ keys, clock }: SandboxDeps): Promise<void> {
  const now = clock().getTime()
  const daysFromNow = (days: number): Date => new Date(Math.round((now + days * DAY_MS) / 1000) * 1000)
  for (const demo of DEMO_KEYS) {
    const secret = newKeyValue(PULSE_SECRET_FORMAT)
    const key: StoredKey = {
      id: newPulseKeyId(),
      dialect: 'pulse',
      tenantId: demo.accountId,
      name: demo.name,
      permissions: normalizePermissions(demo.permissions.split(' ')),
      status: demo.enabled === false ? 'disabled' : 'active',
      createdAt: daysFromNow(-demo.createdDaysAgo),
      expiresAt: demo.expiresInDays === undefined ? null : daysFromNow(demo.expiresInDays),
      lastUsedAt: demo.lastUsedDaysAgo === undefined ? null : daysFromNow(-demo.lastUsedDaysAgo),
      notes: null,
      masked: maskKey(secret, PULSE_SECRET_FORMAT),
      publicId: newPulsePublicId(),
      secretSha256: secretSha256(secret),
      encryptedSecret: null,
      createdBy: demo.createdBy,
    }
    await keys.insert(key)
  }
}
