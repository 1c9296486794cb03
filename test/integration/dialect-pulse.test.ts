import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiKey } from '@shared/domain/api-key'
import type { PermissionGrid } from '@shared/domain/permissions/grid'
import { gridToPulsePermissions } from '@core/dialects/pulse/pulse-permissions'
import type { CallContext, KeyDraft } from '@core/dialects/dialect-adapter'
import { PulseAdapter } from '@core/dialects/pulse/pulse-adapter'
import { ApiClient, type AccessTokenSource } from '@core/http/api-client'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { DEMO_PASSWORD, sandboxProfile, signedInSession, testKeychain } from '../support/signed-in-session'

// PulseAdapter (over ApiClient) against the sandbox's pulse: signed in with pulse's own session
// tokens (`POST /pulse/auth/login`), and with OIDC access tokens from the sandbox's login page.

const DAY_MS = 24 * 60 * 60 * 1000
const NORTHWIND = 'acc_northwind'
const CONTOSO = 'acc_contoso'
const SEEDED_NORTHWIND = [
  'key-rotation-bot',
  'merchant-onboarding',
  'old-dashboard',
  'pentest-2025',
  'settlement-worker',
  'storefront-api',
]

type User = 'admin' | 'support' | 'viewer'

let sandbox: Sandbox
/** Every request the sandbox served: "METHOD /path status …". */
const served: string[] = []
const keychain = testKeychain()

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: (line) => served.push(line) })
})
afterAll(async () => {
  await sandbox?.close()
  await keychain.clear()
})

async function login(target: Sandbox, body: Record<string, string>): Promise<string> {
  const response = await fetch(`${target.url}/pulse/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { token: string }).token
}

/** Pulse's own session token for a user; a rejected token means logging in again. */
function pulseSessionOf(target: Sandbox, username: User): AccessTokenSource {
  let token: Promise<string> | undefined
  const fresh = () => (token = login(target, { username, password: DEMO_PASSWORD }))
  return { accessToken: () => token ?? fresh(), renewAfterRejection: () => fresh() }
}

const pulseOf = (tokens: AccessTokenSource, target: Sandbox = sandbox, now?: () => Date) =>
  new PulseAdapter(new ApiClient(`${target.url}/pulse`, 'Pulse under test', tokens), now)
const sessions = new Map<User, AccessTokenSource>()
const pulseAs = (username: User): PulseAdapter => {
  if (!sessions.has(username)) sessions.set(username, pulseSessionOf(sandbox, username))
  return pulseOf(sessions.get(username)!)
}

const inAccount = (
  accountId: string | null = NORTHWIND,
  signal: AbortSignal = new AbortController().signal,
): CallContext => ({ accountId, signal })
const wireTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
const draft = (permissions: PermissionGrid, overrides: Partial<KeyDraft> = {}): KeyDraft => ({
  name: `test-${randomUUID().slice(0, 8)}`,
  permissions,
  expiresAt: null,
  notes: null,
  ...overrides,
})
const byName = (keys: ApiKey[]) => new Map(keys.map((key) => [key.name, key]))
const servedSince = (mark: number, method: string) =>
  served.slice(mark).filter((line) => line.startsWith(`${method} /pulse/`))
const sorted = (values: readonly string[]) => [...values].sort()

/** The key as the server stores it, read past the adapter. */
async function rawKey(
  accountId: string,
  id: string,
): Promise<{ permissions: string[]; name: string; enabled: boolean; expiresAt: string | null }> {
  const response = await fetch(`${sandbox.url}/pulse/apikeys/${id}`, {
    headers: { authorization: `Bearer ${await sessions.get('admin')!.accessToken()}`, 'x-account-id': accountId },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as { permissions: string[]; name: string; enabled: boolean; expiresAt: string | null }
}

describe('accounts', () => {
  it('lists the accounts the user may use, the primary one marked', async () => {
    const signal = new AbortController().signal
    expect(await pulseAs('admin').listAccounts(signal)).toMatchObject([
      { id: 'acc_northwind', name: 'Northwind Retail', primary: true },
      { id: 'acc_contoso', name: 'Contoso Travel', primary: false },
      { id: 'acc_fabrikam', name: 'Fabrikam Games', primary: false },
    ])
    expect(await pulseAs('support').listAccounts(signal)).toMatchObject([
      { id: 'acc_contoso', name: 'Contoso Travel', primary: true },
      { id: 'acc_northwind', name: 'Northwind Retail', primary: false },
    ])
    // With the permissions held there, so access() can answer from the listing without asking again.
    expect((await pulseAs('admin').listAccounts(signal)).every((a) => a.held?.includes('writeApiKeys'))).toBe(true)
  })

  it('sends the account in x-account-id; without one the server uses the primary account', async () => {
    const contoso = await pulseAs('admin').listKeys(inAccount(CONTOSO))
    expect(contoso.length).toBeGreaterThan(0)
    expect(contoso.every((k) => k.accountId === CONTOSO)).toBe(true)
    const primary = await pulseAs('admin').listKeys(inAccount(null))
    expect(primary.every((k) => k.accountId === NORTHWIND)).toBe(true)
  })

  it('is FORBIDDEN on an account the user may not use, with the server’s message', async () => {
    await expect(pulseAs('viewer').listKeys(inAccount(CONTOSO))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('You may not use this account.'),
    })
    await expect(
      pulseAs('viewer').createKey(inAccount(CONTOSO), draft({ Merchants: 'view' }), randomUUID()),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('listing', () => {
  it('returns the account’s seeded keys in the shared model', async () => {
    const keys = await pulseAs('viewer').listKeys(inAccount())
    expect(keys.map((k) => k.name).sort()).toEqual(SEEDED_NORTHWIND)
    const keyed = byName(keys)
    expect(keyed.get('storefront-api')).toEqual({
      id: expect.any(String),
      name: 'storefront-api',
      maskedKey: expect.stringMatching(/^apiKey-[A-Za-z0-9]{24}$/),
      status: 'active',
      permissions: { Applications: 'view', Merchants: 'change', Transactions: 'view' },
      nativePermissions: expect.arrayContaining([
        'readApplications',
        'readMerchants',
        'writeMerchants',
        'readTransactions',
      ]),
      expiresAt: null,
      notes: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastUsedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      accountId: NORTHWIND,
    })
    expect(keyed.get('storefront-api')?.nativePermissions).toHaveLength(4)
    expect(keyed.get('old-dashboard')?.status).toBe('disabled')
    expect(keyed.get('pentest-2025')?.status).toBe('expired')
    expect(keyed.get('merchant-onboarding')?.status).toBe('active') // expires in 5 days
    expect(keyed.get('key-rotation-bot')).toMatchObject({ permissions: { ApiKeys: 'change' }, expiresAt: null })
  })

  it('judges expiry by its own clock', async () => {
    const keyed = byName(
      await pulseOf(sessions.get('viewer')!, sandbox, () => new Date(Date.now() + 6 * DAY_MS)).listKeys(inAccount()),
    )
    expect(keyed.get('merchant-onboarding')?.status).toBe('expired')
    expect(keyed.get('settlement-worker')?.status).toBe('active')
  })

  it('follows limit/offset over several pages', async () => {
    const own = await startSandbox({ port: 0 })
    try {
      const token = await login(own, { username: 'admin', password: DEMO_PASSWORD })
      for (let i = 0; i < 205; i++) {
        const response = await fetch(`${own.url}/pulse/apikeys`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'x-account-id': 'acc_fabrikam',
          },
          body: JSON.stringify({ name: `bulk-${i}`, permissions: ['readMerchants'] }),
        })
        expect(response.status).toBe(201)
        await response.body?.cancel()
      }
      const keys = await pulseOf(pulseSessionOf(own, 'admin'), own).listKeys(inAccount('acc_fabrikam'))
      expect(keys).toHaveLength(211)
      expect(new Set(keys.map((k) => k.id)).size).toBe(211)
    } finally {
      await own.close()
    }
  })
})

describe('creating', () => {
  it('creates with the grid: the key id and secret once, the grid read back the same, stored as the grid implies', async () => {
    const pulse = pulseAs('admin')
    const grid: PermissionGrid = { Merchants: 'change', Payouts: 'view' }
    const expiresAt = wireTime(Date.now() + 30 * DAY_MS)
    const created = await pulse.createKey(inAccount(), draft(grid, { expiresAt }), randomUUID())

    expect(created.value).toMatch(/^apiKey-[A-Za-z0-9]{24}$/)
    expect(created.value).toBe(created.key.maskedKey)
    expect(created.secret).toMatch(/^[A-Za-z0-9_]{40,}$/)
    expect(created.key).toMatchObject({
      status: 'active',
      permissions: grid,
      expiresAt,
      notes: null,
      accountId: NORTHWIND,
      lastUsedAt: null,
    })

    const listed = (await pulse.listKeys(inAccount())).find((k) => k.id === created.key.id)
    expect(listed).toEqual(created.key)
    expect(sorted(listed?.nativePermissions ?? [])).toEqual(sorted(['readMerchants', 'writeMerchants', 'readPayouts']))
    expect(sorted((await rawKey(NORTHWIND, created.key.id)).permissions)).toEqual(sorted(gridToPulsePermissions(grid)))
    expect(JSON.stringify(listed)).not.toContain(created.secret)
  })

  it('returns the usable credential: the apiKey id and secret pair signs in and holds the grid', async () => {
    const created = await pulseAs('admin').createKey(inAccount(), draft({ Merchants: 'view' }), randomUUID())
    const byHeaders = await fetch(`${sandbox.url}/pulse/merchants`, {
      headers: { 'x-api-key': created.value, 'x-api-secret': created.secret! },
    })
    expect(byHeaders.status).toBe(200)
    await byHeaders.body?.cancel()
    const payouts = await fetch(`${sandbox.url}/pulse/payouts`, {
      headers: { 'x-api-key': created.value, 'x-api-secret': created.secret! },
    })
    expect(payouts.status).toBe(403)
    await payouts.body?.cancel()
    expect(await login(sandbox, { apiKey: created.value, apiSecret: created.secret! })).toEqual(expect.any(String))
  })

  it('creates in the account of the context', async () => {
    const pulse = pulseAs('admin')
    const { key } = await pulse.createKey(inAccount(CONTOSO), draft({ Transactions: 'view' }), randomUUID())
    expect(key.accountId).toBe(CONTOSO)
    expect((await pulse.listKeys(inAccount(CONTOSO))).some((k) => k.id === key.id)).toBe(true)
    expect((await pulse.listKeys(inAccount(NORTHWIND))).some((k) => k.id === key.id)).toBe(false)
  })

  it('is FORBIDDEN without writeApiKeys (viewer), and for permissions the user does not hold (support)', async () => {
    await expect(
      pulseAs('viewer').createKey(inAccount(), draft({ Merchants: 'view' }), randomUUID()),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('writeApiKeys'),
    })
    await expect(
      pulseAs('support').createKey(inAccount(), draft({ Merchants: 'change', Payouts: 'view' }), randomUUID()),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/missing: writeMerchants\.$/),
    })
    // What support does hold, it may grant.
    await expect(
      pulseAs('support').createKey(inAccount(), draft({ Merchants: 'view', ApiKeys: 'change' }), randomUUID()),
    ).resolves.toMatchObject({
      key: { permissions: { Merchants: 'view', ApiKeys: 'change' } },
    })
  })

  it('passes on the server’s refusal of an expiry in the past, naming the field', async () => {
    await expect(
      pulseAs('admin').createKey(
        inAccount(),
        draft({ Merchants: 'view' }, { expiresAt: '2020-01-01T00:00:00Z' }),
        randomUUID(),
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { expiresAt: 'expiresAt must be in the future.' },
    })
  })

  it('sends an Idempotency-Key: the same one twice gives the same key and secret, and one key', async () => {
    const pulse = pulseAs('admin')
    const idempotencyKey = randomUUID()
    const request = draft({ Applications: 'view' })
    const first = await pulse.createKey(inAccount(), request, idempotencyKey)
    const second = await pulse.createKey(inAccount(), request, idempotencyKey)
    expect(second.key.id).toBe(first.key.id)
    expect([second.value, second.secret]).toEqual([first.value, first.secret])
    expect((await pulse.listKeys(inAccount())).filter((k) => k.name === request.name)).toHaveLength(1)
  })

  it('is CANCELLED with no effect on the server when the signal is aborted', async () => {
    const pulse = pulseAs('admin')
    const before = (await pulse.listKeys(inAccount())).length
    const aborted = new AbortController()
    aborted.abort()
    const mark = served.length
    await expect(
      pulse.createKey(inAccount(NORTHWIND, aborted.signal), draft({ Merchants: 'view' }), randomUUID()),
    ).rejects.toMatchObject({ code: 'CANCELLED' })
    await expect(pulse.listKeys(inAccount(NORTHWIND, aborted.signal))).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(served.slice(mark)).toEqual([])
    expect(await pulse.listKeys(inAccount())).toHaveLength(before)
  })
})

describe('updating, deleting, revealing', () => {
  it('changes name, permissions, expiry and enabled; the list and the server read back each change', async () => {
    const pulse = pulseAs('admin')
    const { key } = await pulse.createKey(inAccount(), draft({ Merchants: 'view' }), randomUUID())
    const expiresAt = wireTime(Date.now() + 10 * DAY_MS)
    const grid: PermissionGrid = { Merchants: 'change', Transactions: 'view' }
    const updated = await pulse.updateKey(inAccount(), key.id, {
      name: `${key.name}-2`,
      permissions: grid,
      expiresAt,
      enabled: false,
    })
    expect(updated).toMatchObject({
      id: key.id,
      name: `${key.name}-2`,
      permissions: grid,
      expiresAt,
      status: 'disabled',
      maskedKey: key.maskedKey,
    })
    expect((await pulse.listKeys(inAccount())).find((k) => k.id === key.id)).toEqual(updated)
    expect(await rawKey(NORTHWIND, key.id)).toMatchObject({ name: `${key.name}-2`, enabled: false, expiresAt })
    expect(sorted((await rawKey(NORTHWIND, key.id)).permissions)).toEqual(sorted(gridToPulsePermissions(grid)))

    const reenabled = await pulse.updateKey(inAccount(), key.id, { enabled: true, expiresAt: null })
    expect(reenabled).toMatchObject({ status: 'active', expiresAt: null })
  })

  it('refuses notes before any request', async () => {
    const pulse = pulseAs('admin')
    const { key } = await pulse.createKey(inAccount(), draft({ Merchants: 'view' }), randomUUID())
    const mark = served.length
    await expect(pulse.updateKey(inAccount(), key.id, { notes: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { notes: expect.any(String) },
    })
    expect(servedSince(mark, 'PATCH')).toEqual([])
  })

  it('deletes a key; deleting it again, or in another account, is NOT_FOUND', async () => {
    const pulse = pulseAs('admin')
    const { key } = await pulse.createKey(inAccount(), draft({ Merchants: 'view' }), randomUUID())
    await expect(pulse.deleteKey(inAccount(CONTOSO), key.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await pulse.deleteKey(inAccount(), key.id)
    expect((await pulse.listKeys(inAccount())).some((k) => k.id === key.id)).toBe(false)
    await expect(pulse.deleteKey(inAccount(), key.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('No API key with this id'),
    })
  })

  it('cannot reveal: the secret is shown once', async () => {
    const mark = served.length
    await expect(pulseAs('admin').revealKey(inAccount(), 'pk_any')).rejects.toMatchObject({ code: 'INTERNAL' })
    expect(served.slice(mark)).toEqual([])
  })
})

describe('grant limits (permissions per account, from GET /accounts)', () => {
  it('admin may grant Change everywhere; support reads plus API keys', async () => {
    const admin = await pulseAs('admin')
      .access(inAccount())
      .then((a) => a.grantLimits)
    expect(Object.values(admin).every((l) => l.max === 'change')).toBe(true)
    const support = await pulseAs('support')
      .access(inAccount())
      .then((a) => a.grantLimits)
    expect(support.ApiKeys).toEqual({ max: 'change' })
    expect(support.Merchants?.max).toBe('view')
  })

  it('is FORBIDDEN for an account the user may not use', async () => {
    await expect(
      pulseAs('viewer')
        .access(inAccount(CONTOSO))
        .then((a) => a.grantLimits),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('with OIDC access tokens (sign-in through the sandbox’s login page)', () => {
  it('lists accounts and keys, creates, updates and deletes', async () => {
    const profile = sandboxProfile(sandbox, { dialect: 'pulse', apiBaseUrl: `${sandbox.url}/pulse` })
    const { session } = await signedInSession(
      sandbox,
      keychain,
      { username: 'support', password: DEMO_PASSWORD },
      { profile },
    )
    const pulse = new PulseAdapter(new ApiClient(profile.apiBaseUrl, profile.name, session))

    expect((await pulse.listAccounts(new AbortController().signal)).map((a) => a.id)).toEqual([CONTOSO, NORTHWIND])
    const keys = await pulse.listKeys(inAccount())
    expect(keys.map((k) => k.name)).toEqual(expect.arrayContaining(SEEDED_NORTHWIND))

    const created = await pulse.createKey(inAccount(), draft({ ApiKeys: 'change' }), randomUUID())
    expect(created.key).toMatchObject({ accountId: NORTHWIND, permissions: { ApiKeys: 'change' } })
    expect(created.secret).toEqual(expect.any(String))
    expect((await pulse.updateKey(inAccount(), created.key.id, { enabled: false })).status).toBe('disabled')
    await pulse.deleteKey(inAccount(), created.key.id)
    expect((await pulse.listKeys(inAccount())).some((k) => k.id === created.key.id)).toBe(false)
  })
})
