import type { SandboxDeps } from '../deps'
import { maskKey, newKeyId, newKeyValue, secretSha256, WALLET_KEY_FORMAT } from '../keys/key-format'
import type { StoredKey } from '../keys/key-store'
import { rolesToPermissions, type WalletRoles } from './roles'

const DAY_MS = 24 * 60 * 60 * 1000

interface DemoWalletKey {
  walletId: string
  name: string
  roles: WalletRoles
  createdDaysAgo: number
  /** Negative = already expired. Wallet keys always expire. */
  expiresInDays: number
  lastUsedDaysAgo?: number
  notes?: string
  createdBy: string
}

// Every state the wallet table shows, in every wallet: expired (greyed out), expiring within a
// week, never used, with and without notes. Nobody ever sees these values: they are not returned.
const DEMO_KEYS: readonly DemoWalletKey[] = [
  {
    walletId: 'wal_main',
    name: 'acme-backend',
    roles: { payments: 'change', balances: 'view' },
    createdDaysAgo: 200,
    expiresInDays: 165,
    lastUsedDaysAgo: 0.02,
    notes: 'ACME Corp checkout integration. Contact: ops@acme.example',
    createdBy: 'admin',
  },
  {
    walletId: 'wal_main',
    name: 'reporting-service',
    roles: { reports: 'view', balances: 'view' },
    createdDaysAgo: 120,
    expiresInDays: 245,
    lastUsedDaysAgo: 0.5,
    notes: 'Nightly finance export to the data warehouse',
    createdBy: 'support',
  },
  {
    walletId: 'wal_main',
    name: 'card-issuing-bridge',
    roles: { cards: 'change' },
    createdDaysAgo: 340,
    expiresInDays: 25,
    lastUsedDaysAgo: 1,
    createdBy: 'admin',
  },
  {
    walletId: 'wal_main',
    name: 'legacy-erp',
    roles: { payments: 'view', payouts: 'view' },
    createdDaysAgo: 400,
    expiresInDays: -35,
    lastUsedDaysAgo: 40,
    notes: 'Replaced by acme-backend; kept until the audit closes',
    createdBy: 'admin',
  },
  {
    walletId: 'wal_main',
    name: 'beneficiary-sync',
    roles: { beneficiaries: 'change' },
    createdDaysAgo: 358,
    expiresInDays: 5,
    lastUsedDaysAgo: 0.1,
    createdBy: 'support',
  },
  {
    walletId: 'wal_main',
    name: 'sandbox-tester',
    roles: {
      balances: 'view',
      payments: 'view',
      payouts: 'view',
      beneficiaries: 'view',
      cards: 'view',
      reports: 'view',
    },
    createdDaysAgo: 10,
    expiresInDays: 355,
    createdBy: 'support',
  },
  {
    walletId: 'wal_main',
    name: 'payout-scheduler',
    roles: { payouts: 'change', balances: 'view' },
    createdDaysAgo: 370,
    expiresInDays: -5,
    lastUsedDaysAgo: 6,
    createdBy: 'admin',
  },
  {
    walletId: 'wal_payroll',
    name: 'payroll-runner',
    roles: { payouts: 'change', beneficiaries: 'change', balances: 'view' },
    createdDaysAgo: 300,
    expiresInDays: 65,
    lastUsedDaysAgo: 0.3,
    notes: 'Monthly payroll, runs on the 25th',
    createdBy: 'admin',
  },
  {
    walletId: 'wal_payroll',
    name: 'hr-portal',
    roles: { beneficiaries: 'change' },
    createdDaysAgo: 180,
    expiresInDays: 185,
    lastUsedDaysAgo: 3,
    createdBy: 'admin',
  },
  {
    walletId: 'wal_payroll',
    name: 'tax-reporting',
    roles: { reports: 'view' },
    createdDaysAgo: 364,
    expiresInDays: 1,
    lastUsedDaysAgo: 30,
    notes: 'Yearly filing only; renew in January',
    createdBy: 'admin',
  },
  {
    walletId: 'wal_payroll',
    name: 'old-payroll-vendor',
    roles: { payouts: 'change' },
    createdDaysAgo: 500,
    expiresInDays: -135,
    lastUsedDaysAgo: 140,
    notes: 'Contract ended',
    createdBy: 'admin',
  },
  {
    walletId: 'wal_payroll',
    name: 'audit-readonly',
    roles: { balances: 'view', reports: 'view' },
    createdDaysAgo: 60,
    expiresInDays: 305,
    createdBy: 'admin',
  },
  {
    walletId: 'wal_marketplace',
    name: 'marketplace-core',
    roles: { payments: 'change', payouts: 'change', balances: 'view' },
    createdDaysAgo: 250,
    expiresInDays: 115,
    lastUsedDaysAgo: 0.01,
    createdBy: 'admin',
  },
  {
    walletId: 'wal_marketplace',
    name: 'seller-onboarding',
    roles: { beneficiaries: 'change' },
    createdDaysAgo: 90,
    expiresInDays: 275,
    lastUsedDaysAgo: 0.8,
    notes: 'KYC partner: VerifyNow',
    createdBy: 'support',
  },
  {
    walletId: 'wal_marketplace',
    name: 'escrow-release-bot',
    roles: { payouts: 'change' },
    createdDaysAgo: 361,
    expiresInDays: 4,
    lastUsedDaysAgo: 0.2,
    notes: 'Rotate before expiry. Owner: team-escrow',
    createdBy: 'support',
  },
  {
    walletId: 'wal_marketplace',
    name: 'dispute-tool',
    roles: { payments: 'view', reports: 'view' },
    createdDaysAgo: 30,
    expiresInDays: 335,
    lastUsedDaysAgo: 12,
    createdBy: 'support',
  },
  {
    walletId: 'wal_marketplace',
    name: 'q3-promo-cards',
    roles: { cards: 'change' },
    createdDaysAgo: 380,
    expiresInDays: -15,
    lastUsedDaysAgo: 16,
    createdBy: 'admin',
  },
  {
    walletId: 'wal_marketplace',
    name: 'analytics-export',
    roles: { reports: 'view' },
    createdDaysAgo: 5,
    expiresInDays: 360,
    createdBy: 'admin',
  },
]

export async function seedWallet({ keys, clock }: SandboxDeps): Promise<void> {
  const now = clock().getTime()
  const daysFromNow = (days: number): Date => new Date(Math.round((now + days * DAY_MS) / 1000) * 1000)
  for (const demo of DEMO_KEYS) {
    const value = newKeyValue(WALLET_KEY_FORMAT)
    const key: StoredKey = {
      id: newKeyId(WALLET_KEY_FORMAT.prefix),
      dialect: 'wallet',
      tenantId: demo.walletId,
      name: demo.name,
      permissions: rolesToPermissions(demo.roles),
      status: 'active',
      createdAt: daysFromNow(-demo.createdDaysAgo),
      expiresAt: daysFromNow(demo.expiresInDays),
      lastUsedAt: demo.lastUsedDaysAgo === undefined ? null : daysFromNow(-demo.lastUsedDaysAgo),
      notes: demo.notes ?? null,
      masked: maskKey(value, WALLET_KEY_FORMAT),
      publicId: null,
      secretSha256: secretSha256(value),
      encryptedSecret: null,
      createdBy: demo.createdBy,
    }
    await keys.insert(key, { uniqueName: true })
  }
}
