import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiKey } from '@shared/domain/api-key'
import type { PermissionGrid } from '@shared/domain/permissions/grid'
import { gridToWalletRoles } from '@core/dialects/wallet/wallet-roles'
import type { CallContext, KeyDraft } from '@core/dialects/dialect-adapter'
import { WalletAdapter } from '@core/dialects/wallet/wallet-adapter'
import { ApiClient } from '@core/http/api-client'
import { startSandbox, type Sandbox } from '@sandbox/server'
import {
  DEMO_PASSWORD,
  sandboxProfile,
  signedInSession,
  testKeychain,
  type SessionHarness,
} from '../support/signed-in-session'

// WalletAdapter (over ApiClient) against the sandbox's wallet, signed in through its login page.

const DAY_MS = 24 * 60 * 60 * 1000
const MAIN = 'wal_main'
const SEEDED_MAIN = [
  'acme-backend',
  'beneficiary-sync',
  'card-issuing-bridge',
  'legacy-erp',
  'payout-scheduler',
  'reporting-service',
  'sandbox-tester',
]

let sandbox: Sandbox
/** Every request the sandbox served: "METHOD /path status …". */
const served: string[] = []
const keychain = testKeychain()
const sessions = new Map<string, Promise<SessionHarness>>()

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: (line) => served.push(line) })
})
afterAll(async () => {
  await sandbox?.close()
  await keychain.clear()
})

type User = 'admin' | 'support' | 'viewer'
const signInTo = (target: Sandbox, username: User) =>
  signedInSession(
    target,
    keychain,
    { username, password: DEMO_PASSWORD },
    { profile: sandboxProfile(target, { dialect: 'wallet', apiBaseUrl: `${target.url}/wallet` }) },
  )

const walletAs = async (username: User, target: Sandbox = sandbox): Promise<WalletAdapter> => {
  if (target !== sandbox) return walletOf(await signInTo(target, username))
  if (!sessions.has(username)) sessions.set(username, signInTo(sandbox, username))
  return walletOf(await sessions.get(username)!)
}
const walletOf = (h: SessionHarness, now?: () => Date) =>
  new WalletAdapter(new ApiClient(h.profile.apiBaseUrl, h.profile.name, h.session), now)

const inWallet = (
  accountId: string | null = MAIN,
  signal: AbortSignal = new AbortController().signal,
): CallContext => ({ accountId, signal })
const inAYear = () => new Date(Date.now() + 365 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z')
const draft = (permissions: PermissionGrid, overrides: Partial<KeyDraft> = {}): KeyDraft => ({
  name: `test-${randomUUID().slice(0, 8)}`,
  permissions,
  expiresAt: inAYear(),
  notes: null,
  ...overrides,
})
const byName = (keys: ApiKey[]) => new Map(keys.map((key) => [key.name, key]))
const servedSince = (mark: number, method: string) =>
  served.slice(mark).filter((line) => line.startsWith(`${method} /wallet/`))

/** The key as the server stores it, read past the adapter. */
async function rawKey(
  walletId: string,
  id: string,
): Promise<{ roles: Record<string, string>; notes: string | null; name: string; expiresAt: string }> {
  const h = await sessions.get('admin')!
  const response = await fetch(`${sandbox.url}/wallet/v1/wallets/${walletId}/apikeys/${id}`, {
    headers: { authorization: `Bearer ${await h.session.accessToken()}` },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as {
    roles: Record<string, string>
    notes: string | null
    name: string
    expiresAt: string
  }
}

describe('wallets as accounts', () => {
  it('lists the wallets the user belongs to', async () => {
    const signal = new AbortController().signal
    expect(await (await walletAs('admin')).listAccounts(signal)).toMatchObject([
      { id: 'wal_main', name: 'Main operating wallet', primary: false },
      { id: 'wal_payroll', name: 'Payroll', primary: false },
      { id: 'wal_marketplace', name: 'Marketplace escrow', primary: false },
    ])
    expect((await (await walletAs('viewer')).listAccounts(signal)).map((w) => w.id)).toEqual(['wal_main'])
    // With the API Access held there, so access() can answer from the listing without asking again.
    expect((await (await walletAs('admin')).listAccounts(signal)).map((w) => w.held)).toEqual([
      ['change'],
      ['change'],
      ['change'],
    ])
    expect((await (await walletAs('viewer')).listAccounts(signal)).map((w) => w.held)).toEqual([['read']])
  })

  it('needs a wallet for key calls', async () => {
    await expect((await walletAs('admin')).listKeys(inWallet(null))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Choose a wallet first.',
    })
  })

  it('is FORBIDDEN on a wallet the user does not belong to, with the server’s message', async () => {
    await expect((await walletAs('viewer')).listKeys(inWallet('wal_payroll'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('not a member of this wallet'),
    })
  })
})

describe('listing', () => {
  it('returns the wallet’s seeded keys in the shared model', async () => {
    const keys = await (await walletAs('viewer')).listKeys(inWallet())
    expect(keys.map((k) => k.name).sort()).toEqual(SEEDED_MAIN)
    const keyed = byName(keys)
    expect(keyed.get('acme-backend')).toEqual({
      id: expect.any(String),
      name: 'acme-backend',
      maskedKey: expect.stringMatching(/^wk_.*\*\*\*/),
      status: 'active',
      permissions: { payments: 'change', balances: 'view' },
      nativePermissions: expect.arrayContaining(['payments:change', 'balances:view']),
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      notes: 'ACME Corp checkout integration. Contact: ops@acme.example',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastUsedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      accountId: MAIN,
    })
    expect(keyed.get('acme-backend')?.nativePermissions).toHaveLength(2)
    expect(['legacy-erp', 'payout-scheduler'].map((name) => keyed.get(name)?.status)).toEqual(['expired', 'expired'])
    expect(keyed.get('beneficiary-sync')?.status).toBe('active') // expires in 5 days
    expect(keyed.get('sandbox-tester')).toMatchObject({ lastUsedAt: null, notes: null })
    expect(keys.every((k) => k.accountId === MAIN)).toBe(true)
  })

  it('judges expiry by its own clock', async () => {
    const h = await sessions.get('viewer')!
    const keyed = byName(await walletOf(h, () => new Date(Date.now() + 6 * DAY_MS)).listKeys(inWallet()))
    expect(keyed.get('beneficiary-sync')?.status).toBe('expired')
    expect(keyed.get('acme-backend')?.status).toBe('active')
  })

  it('follows nextCursor over several pages', async () => {
    const own = await startSandbox({ port: 0 })
    try {
      const h = await signInTo(own, 'admin')
      const token = await h.session.accessToken()
      for (let i = 0; i < 205; i++) {
        const response = await fetch(`${own.url}/wallet/v1/wallets/wal_payroll/apikeys`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `bulk-${i}`, roles: { reports: 'view' } }),
        })
        expect(response.status).toBe(201)
        await response.body?.cancel()
      }
      const keys = await walletOf(h).listKeys(inWallet('wal_payroll'))
      expect(keys).toHaveLength(210)
      expect(new Set(keys.map((k) => k.id)).size).toBe(210)
    } finally {
      await own.close()
    }
  })
})

describe('creating', () => {
  it('creates with the grid: the value once, roles read back the same, stored as the grid implies', async () => {
    const wallet = await walletAs('admin')
    const grid: PermissionGrid = { payments: 'change', reports: 'view', cards: 'view' }
    const expiresAt = inAYear()
    const created = await wallet.createKey(
      inWallet(),
      draft(grid, { expiresAt, notes: 'Partner: Initech' }),
      randomUUID(),
    )

    expect(created.value).toMatch(/^wk_[A-Za-z0-9]{30,}$/)
    expect(created.secret).toBeNull()
    expect(created.key).toMatchObject({
      status: 'active',
      permissions: grid,
      expiresAt,
      notes: 'Partner: Initech',
      accountId: MAIN,
      lastUsedAt: null,
    })

    const listed = (await wallet.listKeys(inWallet())).find((k) => k.id === created.key.id)
    expect(listed).toEqual(created.key)
    expect([...(listed?.nativePermissions ?? [])].sort()).toEqual(['cards:view', 'payments:change', 'reports:view'])
    expect((await rawKey(MAIN, created.key.id)).roles).toEqual(gridToWalletRoles(grid))
    expect(JSON.stringify(listed)).not.toContain(created.value)
  })

  it('refuses a draft without an expiry before any request', async () => {
    const mark = served.length
    await expect(
      (await walletAs('admin')).createKey(inWallet(), draft({ cards: 'view' }, { expiresAt: null }), randomUUID()),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { expiresAt: expect.any(String) },
    })
    expect(servedSince(mark, 'POST')).toEqual([])
  })

  it('passes on the server’s refusal of an expiry in the past, naming the field', async () => {
    await expect(
      (await walletAs('admin')).createKey(
        inWallet(),
        draft({ cards: 'view' }, { expiresAt: '2020-01-01T00:00:00Z' }),
        randomUUID(),
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('expiresAt must be in the future'),
      fields: { expiresAt: 'expiresAt must be in the future.' },
    })
  })

  it('names the grid field when the server refuses the roles', async () => {
    await expect((await walletAs('admin')).createKey(inWallet(), draft({}), randomUUID())).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { permissions: expect.stringContaining('at least one') },
    })
  })

  it('is CONFLICT with the server’s message for a name already in the wallet', async () => {
    const wallet = await walletAs('admin')
    const error = await wallet
      .createKey(inWallet(), draft({ cards: 'view' }, { name: 'acme-backend' }), randomUUID())
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('An API key named "acme-backend" already exists in this wallet.'),
      fields: { name: 'An API key named "acme-backend" already exists in this wallet.' },
    })
    // Names are unique per wallet, not across wallets.
    const elsewhere = await wallet.createKey(
      inWallet('wal_payroll'),
      draft({ cards: 'view' }, { name: 'acme-backend' }),
      randomUUID(),
    )
    expect(elsewhere.key.accountId).toBe('wal_payroll')
  })

  it('is FORBIDDEN for a viewer (API Access Read), with the server’s message', async () => {
    await expect(
      (await walletAs('viewer')).createKey(inWallet(), draft({ cards: 'view' }), randomUUID()),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('API Access (Change)'),
    })
  })

  it('sends an Idempotency-Key: the same one twice gives the same key and value, and one key', async () => {
    const wallet = await walletAs('admin')
    const idempotencyKey = randomUUID()
    const request = draft({ balances: 'view' })
    const first = await wallet.createKey(inWallet(), request, idempotencyKey)
    const second = await wallet.createKey(inWallet(), request, idempotencyKey)
    expect(second.key.id).toBe(first.key.id)
    expect(second.value).toBe(first.value)
    expect((await wallet.listKeys(inWallet())).filter((k) => k.name === request.name)).toHaveLength(1)
  })

  it('is CANCELLED with no effect on the server when the signal is aborted', async () => {
    const wallet = await walletAs('admin')
    const before = (await wallet.listKeys(inWallet())).length
    const aborted = new AbortController()
    aborted.abort()
    const mark = served.length
    await expect(
      wallet.createKey(inWallet(MAIN, aborted.signal), draft({ cards: 'view' }), randomUUID()),
    ).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(servedSince(mark, 'POST')).toEqual([])
    expect(await wallet.listKeys(inWallet())).toHaveLength(before)
  })
})

describe('updating, deleting, revealing', () => {
  it('changes roles and notes; the list and the server read back each change', async () => {
    const wallet = await walletAs('support') // support holds API Access (Change) on wal_main
    const { key } = await wallet.createKey(inWallet(), draft({ cards: 'view' }, { notes: 'first' }), randomUUID())
    const grid: PermissionGrid = { cards: 'change', beneficiaries: 'view' }
    const updated = await wallet.updateKey(inWallet(), key.id, { permissions: grid, notes: 'second' })
    expect(updated).toMatchObject({
      id: key.id,
      name: key.name,
      expiresAt: key.expiresAt,
      permissions: grid,
      notes: 'second',
    })
    expect((await wallet.listKeys(inWallet())).find((k) => k.id === key.id)).toEqual(updated)
    expect(await rawKey(MAIN, key.id)).toMatchObject({ roles: gridToWalletRoles(grid), notes: 'second' })

    expect((await wallet.updateKey(inWallet(), key.id, { notes: null })).notes).toBeNull()
  })

  it('refuses name and expiry changes before any request, naming both fields', async () => {
    const wallet = await walletAs('admin')
    const { key } = await wallet.createKey(inWallet(), draft({ cards: 'view' }), randomUUID())
    const mark = served.length
    const error = await wallet
      .updateKey(inWallet(), key.id, { name: 'renamed', expiresAt: inAYear(), notes: 'n' })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'VALIDATION',
      fields: { name: expect.any(String), expiresAt: expect.any(String) },
    })
    await expect(wallet.updateKey(inWallet(), key.id, { enabled: false })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { enabled: expect.any(String) },
    })
    expect(servedSince(mark, 'PATCH')).toEqual([])
    expect((await rawKey(MAIN, key.id)).name).toBe(key.name)
  })

  it('deletes a key; deleting it again, or from another wallet, is NOT_FOUND', async () => {
    const wallet = await walletAs('admin')
    const { key } = await wallet.createKey(inWallet(), draft({ cards: 'view' }), randomUUID())
    await expect(wallet.deleteKey(inWallet('wal_payroll'), key.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await wallet.deleteKey(inWallet(), key.id)
    expect((await wallet.listKeys(inWallet())).some((k) => k.id === key.id)).toBe(false)
    await expect(wallet.deleteKey(inWallet(), key.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('No API key with this id'),
    })
  })

  it('cannot reveal: the wallet shows a value once', async () => {
    const wallet = await walletAs('admin')
    expect(wallet.capabilities.canReveal).toBe(false)
    const mark = served.length
    await expect(wallet.revealKey(inWallet(), 'wk_any')).rejects.toMatchObject({ code: 'INTERNAL' })
    expect(served.slice(mark)).toEqual([])
  })
})

describe('grant limits (API Access per wallet, from GET /v1/wallets)', () => {
  it('Change may grant every role; Read none', async () => {
    const admin = await (await walletAs('admin')).access(inWallet()).then((a) => a.grantLimits)
    expect(Object.values(admin).every((l) => l.max === 'change')).toBe(true)
    const viewer = await (await walletAs('viewer')).access(inWallet()).then((a) => a.grantLimits)
    expect(Object.values(viewer).every((l) => l.max === 'none')).toBe(true)
  })

  it('is FORBIDDEN for a wallet the user does not belong to', async () => {
    await expect(
      (await walletAs('viewer')).access(inWallet('wal_payroll')).then((a) => a.grantLimits),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})
