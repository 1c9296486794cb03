import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { sandboxAccessToken } from '../support/sandbox-access-token'

// The pulse dialect (docs/remote-apis.md, "pulse") over real HTTP: three ways to authenticate,
// accounts chosen with x-account-id, a secret shown once.

const DAY_MS = 24 * 60 * 60 * 1000
const SESSION_TTL_SECONDS = 600
const PUBLIC_ID = /^apiKey-[0-9A-Za-z]{24}$/
const SECRET = /^[0-9A-Za-z]{46}$/
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
const ALL_READS = ['readApplications', 'readMerchants', 'readTransactions', 'readPayouts', 'readApiKeys']

let sandbox: Sandbox
let clockOffsetMs = 0
const logLines: string[] = []
const oidcTokens: Record<'admin' | 'support' | 'viewer', string> = { admin: '', support: '', viewer: '' }
const sessions: Record<'admin' | 'support' | 'viewer', string> = { admin: '', support: '', viewer: '' }

type User = keyof typeof oidcTokens
interface PulseKey {
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
type Created = PulseKey & { apiSecret: string }
interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> }
}

interface CallInit {
  method?: string
  /** A user's pulse session token (from username/password login). */
  as?: User
  token?: string
  account?: string
  body?: unknown
  headers?: Record<string, string>
}

function call(path: string, init: CallInit = {}): Promise<Response> {
  const token = init.token ?? (init.as ? sessions[init.as] : undefined)
  const body =
    init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body)
  return fetch(`${sandbox.url}/pulse${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.account ? { 'x-account-id': init.account } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(body !== undefined ? { body } : {}),
  })
}

async function login(body: unknown): Promise<{ token: string; expiresAt: string }> {
  const response = await call('/auth/login', { method: 'POST', body })
  expect(response.status).toBe(200)
  return (await response.json()) as { token: string; expiresAt: string }
}

async function expectError(
  response: Response,
  status: number,
  code: string,
  details: Record<string, unknown> = {},
): Promise<ErrorBody> {
  expect(response.status).toBe(status)
  const body = (await response.json()) as ErrorBody
  expect(body.error).toMatchObject({ code, message: expect.any(String), details: expect.objectContaining(details) })
  return body
}

let nameCounter = 0
const uniqueName = (base: string) => `${base}-${++nameCounter}`

async function createKey(body: Record<string, unknown>, init: CallInit = { as: 'admin' }): Promise<Created> {
  const response = await call('/apikeys', { method: 'POST', ...init, body })
  expect(response.status).toBe(201)
  return (await response.json()) as Created
}

async function listKeys(init: CallInit = { as: 'admin' }): Promise<{ apiKeys: PulseKey[]; total: number }> {
  const response = await call('/apikeys?limit=200', init)
  expect(response.status).toBe(200)
  return (await response.json()) as { apiKeys: PulseKey[]; total: number }
}

const direct = (key: Created): Record<string, string> => ({ 'x-api-key': key.apiKey, 'x-api-secret': key.apiSecret })

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    clock: () => new Date(Date.now() + clockOffsetMs),
    pulseSessionTtlSeconds: SESSION_TTL_SECONDS,
    log: (line) => logLines.push(line),
  })
  for (const user of ['admin', 'support', 'viewer'] as const) {
    oidcTokens[user] = await sandboxAccessToken(sandbox.url, user)
    sessions[user] = (await login({ username: user, password: 'keywarden' })).token
  }
})
afterAll(async () => {
  await sandbox?.close()
})
afterEach(() => {
  clockOffsetMs = 0
})

describe('pulse login', () => {
  it('issues a session token for a username and password, valid for the configured TTL', async () => {
    const before = Date.now()
    const session = await login({ username: 'viewer', password: 'keywarden' })
    expect(session.token).toMatch(/^pst_[0-9A-Za-z]{43}$/)
    expect(session.expiresAt).toMatch(ISO_SECONDS)
    expect(Math.abs(Date.parse(session.expiresAt) - (before + SESSION_TTL_SECONDS * 1000))).toBeLessThan(5_000)
    expect((await call('/accounts', { token: session.token })).status).toBe(200)
  })

  it('refuses wrong credentials with 401 and malformed bodies with 400 naming the field', async () => {
    await expectError(
      await call('/auth/login', { method: 'POST', body: { username: 'viewer', password: 'nope' } }),
      401,
      'unauthorized',
    )
    await expectError(
      await call('/auth/login', { method: 'POST', body: { username: 'nobody', password: 'keywarden' } }),
      401,
      'unauthorized',
    )
    await expectError(await call('/auth/login', { method: 'POST', body: {} }), 400, 'invalid_request', {
      field: 'apiKey',
    })
    await expectError(
      await call('/auth/login', { method: 'POST', body: { username: 'viewer' } }),
      400,
      'invalid_request',
      { field: 'password' },
    )
    await expectError(
      await call('/auth/login', { method: 'POST', body: { apiKey: 'apiKey-x' } }),
      400,
      'invalid_request',
      { field: 'apiSecret' },
    )
    await expectError(await call('/auth/login', { method: 'POST', body: { apiSecret: 'x' } }), 400, 'invalid_request', {
      field: 'apiKey',
    })
    await expectError(await call('/auth/login', { method: 'POST', body: '{' }), 400, 'invalid_request')
  })

  it('ends a session after its TTL', async () => {
    const session = await login({ username: 'viewer', password: 'keywarden' })
    clockOffsetMs = (SESSION_TTL_SECONDS + 1) * 1000
    await expectError(await call('/accounts', { token: session.token }), 401, 'unauthorized')
    await expectError(await call('/accounts', { token: 'pst_madeup' }), 401, 'unauthorized')
  })

  it('refuses management calls without credentials', async () => {
    const response = await call('/apikeys')
    await expectError(response, 401, 'unauthorized')
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="keywarden-sandbox"')
    await expectError(await call('/apikeys', { token: 'not-an-oidc-token' }), 401, 'unauthorized')
  })
})

describe('pulse accounts and x-account-id', () => {
  it('lists the accounts each user may use, the primary one flagged', async () => {
    type Account = { id: string; name: string; primary: boolean; permissions: string[] }
    const accounts = async (init: CallInit) =>
      ((await (await call('/accounts', init)).json()) as { accounts: Account[] }).accounts
    const admin = await accounts({ as: 'admin' })
    expect(admin.map(({ id, name, primary }) => ({ id, name, primary }))).toEqual([
      { id: 'acc_northwind', name: 'Northwind Retail', primary: true },
      { id: 'acc_contoso', name: 'Contoso Travel', primary: false },
      { id: 'acc_fabrikam', name: 'Fabrikam Games', primary: false },
    ])
    expect(admin.every((a) => a.permissions.length === 10)).toBe(true)
    const support = await accounts({ as: 'support' })
    expect(support.map((a) => [a.id, a.primary])).toEqual([
      ['acc_contoso', true],
      ['acc_northwind', false],
    ])
    expect(support[0]?.permissions.sort()).toEqual([...ALL_READS, 'writeApiKeys'].sort())
    expect(await accounts({ token: oidcTokens.viewer })).toEqual([
      {
        id: 'acc_northwind',
        name: 'Northwind Retail',
        primary: true,
        permissions: ['readApplications', 'readMerchants', 'readTransactions', 'readPayouts', 'readApiKeys'],
      },
    ])
  })

  it('lists the primary account by default and another with x-account-id; 403 for a foreign account', async () => {
    const primary = await listKeys({ as: 'support' })
    expect(primary.apiKeys.length).toBeGreaterThan(0)
    expect(primary.apiKeys.every((k) => k.accountId === 'acc_contoso')).toBe(true)
    const northwind = await listKeys({ as: 'support', account: 'acc_northwind' })
    expect(northwind.apiKeys.every((k) => k.accountId === 'acc_northwind')).toBe(true)
    await expectError(await call('/apikeys', { as: 'support', account: 'acc_fabrikam' }), 403, 'forbidden', {
      accountId: 'acc_fabrikam',
    })
    await expectError(await call('/apikeys', { as: 'viewer', account: 'acc_contoso' }), 403, 'forbidden')
    await expectError(await call('/apikeys', { as: 'admin', account: 'acc_nowhere' }), 403, 'forbidden')
  })

  it('accepts OIDC access tokens from the sandbox provider', async () => {
    const listed = await listKeys({ token: oidcTokens.admin, account: 'acc_fabrikam' })
    expect(listed.apiKeys.every((k) => k.accountId === 'acc_fabrikam')).toBe(true)
  })
})

describe('pulse key listing', () => {
  it('pages with limit and offset and reports the total', async () => {
    const all = await listKeys({ as: 'admin' })
    expect(all.total).toBe(all.apiKeys.length)
    const page = (await (await call('/apikeys?limit=2&offset=1', { as: 'admin' })).json()) as {
      apiKeys: PulseKey[]
      total: number
    }
    expect(page.total).toBe(all.total)
    expect(page.apiKeys.map((k) => k.id)).toEqual(all.apiKeys.slice(1, 3).map((k) => k.id))
    for (const key of all.apiKeys) {
      expect(Object.keys(key).sort()).toEqual([
        'accountId',
        'apiKey',
        'createdAt',
        'enabled',
        'expiresAt',
        'id',
        'lastUsedAt',
        'name',
        'permissions',
      ])
      expect(key.apiKey).toMatch(PUBLIC_ID)
    }
    await expectError(await call('/apikeys?limit=0', { as: 'admin' }), 400, 'invalid_request', { field: 'limit' })
    await expectError(await call('/apikeys?offset=-1', { as: 'admin' }), 400, 'invalid_request', { field: 'offset' })
  })

  it('has seeded keys that are disabled, expired, expiring within a week and never expiring', async () => {
    const keys = (
      await Promise.all(
        ['acc_northwind', 'acc_contoso', 'acc_fabrikam'].map((account) => listKeys({ as: 'admin', account })),
      )
    ).flatMap((p) => p.apiKeys)
    const now = Date.now()
    expect(keys.some((k) => !k.enabled)).toBe(true)
    expect(keys.some((k) => k.expiresAt === null)).toBe(true)
    expect(keys.some((k) => k.expiresAt !== null && Date.parse(k.expiresAt) < now)).toBe(true)
    expect(
      keys.some(
        (k) => k.expiresAt !== null && Date.parse(k.expiresAt) > now && Date.parse(k.expiresAt) < now + 7 * DAY_MS,
      ),
    ).toBe(true)
    expect(keys.some((k) => k.lastUsedAt !== null)).toBe(true)
  })
})

describe('pulse key creation', () => {
  it('creates a key and returns its secret this once only', async () => {
    const response = await call('/apikeys', {
      method: 'POST',
      as: 'admin',
      account: 'acc_contoso',
      body: {
        name: '  booking-sync  ',
        permissions: ['writeMerchants', 'readMerchants', 'readMerchants'],
        expiresAt: '2030-01-01T00:00:00Z',
      },
    })
    expect(response.status).toBe(201)
    const created = (await response.json()) as Created
    expect(Object.keys(created).sort()).toEqual([
      'accountId',
      'apiKey',
      'apiSecret',
      'createdAt',
      'enabled',
      'expiresAt',
      'id',
      'lastUsedAt',
      'name',
      'permissions',
    ])
    expect(created).toMatchObject({
      name: 'booking-sync',
      accountId: 'acc_contoso',
      permissions: ['readMerchants', 'writeMerchants'],
      enabled: true,
      expiresAt: '2030-01-01T00:00:00Z',
      lastUsedAt: null,
    })
    expect(created.apiKey).toMatch(PUBLIC_ID)
    expect(created.apiSecret).toMatch(SECRET)
    expect(response.headers.get('location')).toBe(`/pulse/apikeys/${created.id}`)

    const { apiSecret, ...withoutSecret } = created
    const get = await call(`/apikeys/${created.id}`, { as: 'admin', account: 'acc_contoso' })
    const getText = await get.text()
    expect(JSON.parse(getText)).toEqual(withoutSecret)
    const listText = JSON.stringify(await listKeys({ as: 'admin', account: 'acc_contoso' }))
    const patch = await call(`/apikeys/${created.id}`, {
      method: 'PATCH',
      as: 'admin',
      account: 'acc_contoso',
      body: { name: 'booking-sync-2' },
    })
    const patchText = await patch.text()
    for (const text of [getText, listText, patchText]) {
      expect(text).not.toContain(apiSecret)
      expect(text).not.toContain('apiSecret')
    }
  })

  it('creates keys without expiry by default and in the primary account without x-account-id', async () => {
    const created = await createKey(
      { name: uniqueName('no-expiry'), permissions: ['readApplications'] },
      { as: 'support' },
    )
    expect(created.accountId).toBe('acc_contoso')
    expect(created.expiresAt).toBeNull()
  })

  it('grants only permissions the caller holds on that account: 403 naming the missing ones', async () => {
    const response = await call('/apikeys', {
      method: 'POST',
      as: 'support',
      body: { name: 'too-much', permissions: ['readMerchants', 'writeMerchants', 'writePayouts'] },
    })
    await expectError(response, 403, 'forbidden', {
      missingPermissions: ['writeMerchants', 'writePayouts'],
      accountId: 'acc_contoso',
    })
    await createKey({ name: uniqueName('support-ok'), permissions: [...ALL_READS, 'writeApiKeys'] }, { as: 'support' })
  })

  it('needs writeApiKeys: viewer gets 403', async () => {
    await expectError(
      await call('/apikeys', { method: 'POST', as: 'viewer', body: { name: 'nope', permissions: ['readMerchants'] } }),
      403,
      'forbidden',
      {
        missingPermissions: ['writeApiKeys'],
      },
    )
  })

  it('rejects invalid bodies with 400 naming the field, and oversized ones with 413', async () => {
    const cases: Array<[unknown, string]> = [
      [{ permissions: ['readMerchants'] }, 'name'],
      [{ name: ' ', permissions: ['readMerchants'] }, 'name'],
      [{ name: 'x'.repeat(101), permissions: ['readMerchants'] }, 'name'],
      [{ name: 'p' }, 'permissions'],
      [{ name: 'p', permissions: [] }, 'permissions'],
      [{ name: 'p', permissions: 'readMerchants' }, 'permissions'],
      [{ name: 'p', permissions: ['readEverything'] }, 'permissions.0'],
      [{ name: 'p', permissions: ['readMerchants'], expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
      [{ name: 'p', permissions: ['readMerchants'], expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ name: 'p', permissions: ['readMerchants'], secret: 'mine' }, 'secret'],
    ]
    for (const [body, field] of cases) {
      await expectError(await call('/apikeys', { method: 'POST', as: 'admin', body }), 400, 'invalid_request', {
        field,
      })
    }
    await expectError(
      await call('/apikeys', { method: 'POST', as: 'admin', body: { name: 'x'.repeat(70_000), permissions: [] } }),
      413,
      'payload_too_large',
    )
  })
})

describe('pulse key authentication', () => {
  it('logs in with apiKey + apiSecret and uses the session token', async () => {
    const key = await createKey({ name: uniqueName('session-user'), permissions: ['readMerchants', 'readApiKeys'] })
    const session = await login({ apiKey: key.apiKey, apiSecret: key.apiSecret })
    expect(session.token).toMatch(/^pst_/)
    const merchants = await call('/merchants', { token: session.token })
    expect(merchants.status).toBe(200)
    expect(await merchants.json()).toMatchObject({ accountId: 'acc_northwind', items: expect.any(Array) })
    expect((await call('/apikeys', { token: session.token })).status).toBe(200)
    await expectError(await call('/merchants', { method: 'POST', token: session.token, body: {} }), 403, 'forbidden', {
      missingPermissions: ['writeMerchants'],
    })
    const accounts = await (await call('/accounts', { token: session.token })).json()
    expect(accounts).toEqual({
      accounts: [
        { id: 'acc_northwind', name: 'Northwind Retail', primary: true, permissions: ['readMerchants', 'readApiKeys'] },
      ],
    })
  })

  it('authenticates with direct x-api-key + x-api-secret headers and sets lastUsedAt', async () => {
    const key = await createKey(
      { name: uniqueName('direct'), permissions: ['readTransactions', 'writeTransactions'] },
      { as: 'admin', account: 'acc_fabrikam' },
    )
    expect((await call('/transactions', { headers: direct(key) })).status).toBe(200)
    const posted = await call('/transactions', { method: 'POST', body: { amount: 5 }, headers: direct(key) })
    expect(posted.status).toBe(200)
    expect(await posted.json()).toMatchObject({ accountId: 'acc_fabrikam', accepted: true })
    await expectError(await call('/payouts', { headers: direct(key) }), 403, 'forbidden', {
      missingPermissions: ['readPayouts'],
    })
    const after = (await (
      await call(`/apikeys/${key.id}`, { as: 'admin', account: 'acc_fabrikam' })
    ).json()) as PulseKey
    expect(after.lastUsedAt).toMatch(ISO_SECONDS)
  })

  it('lets a key act only on its own account', async () => {
    const key = await createKey(
      { name: uniqueName('own-account'), permissions: ['readApplications', 'readApiKeys'] },
      { as: 'admin', account: 'acc_contoso' },
    )
    expect((await call('/applications', { headers: direct(key), account: 'acc_contoso' })).status).toBe(200)
    await expectError(await call('/applications', { headers: direct(key), account: 'acc_northwind' }), 403, 'forbidden')
    const listed = (await (await call('/apikeys', { headers: direct(key) })).json()) as { apiKeys: PulseKey[] }
    expect(listed.apiKeys.every((k) => k.accountId === 'acc_contoso')).toBe(true)
  })

  it('lets a key with writeApiKeys create keys only with permissions it holds', async () => {
    const manager = await createKey({ name: uniqueName('manager'), permissions: ['readMerchants', 'writeApiKeys'] })
    const child = await createKey(
      { name: uniqueName('child'), permissions: ['readMerchants'] },
      { headers: direct(manager) },
    )
    expect(child.accountId).toBe('acc_northwind')
    await expectError(
      await call('/apikeys', {
        method: 'POST',
        headers: direct(manager),
        body: { name: 'x', permissions: ['readPayouts'] },
      }),
      403,
      'forbidden',
      { missingPermissions: ['readPayouts'] },
    )
  })

  it('refuses a wrong, malformed or half-given secret with 401', async () => {
    const key = await createKey({ name: uniqueName('wrong-secret'), permissions: ['readMerchants'] })
    const other = await createKey({ name: uniqueName('other-secret'), permissions: ['readMerchants'] })
    await expectError(
      await call('/merchants', { headers: { 'x-api-key': key.apiKey, 'x-api-secret': other.apiSecret } }),
      401,
      'unauthorized',
      { reason: 'unknown' },
    )
    const typo = `${key.apiSecret.slice(0, -1)}${key.apiSecret.endsWith('a') ? 'b' : 'a'}`
    await expectError(
      await call('/merchants', { headers: { 'x-api-key': key.apiKey, 'x-api-secret': typo } }),
      401,
      'unauthorized',
      { reason: 'malformed' },
    )
    await expectError(await call('/merchants', { headers: { 'x-api-key': key.apiKey } }), 401, 'unauthorized')
    await expectError(
      await call('/auth/login', { method: 'POST', body: { apiKey: key.apiKey, apiSecret: other.apiSecret } }),
      401,
      'unauthorized',
    )
  })

  it('answers 401 for an expired key, directly, at login and for its existing sessions', async () => {
    // Expires well within the session TTL, so the session itself is still alive when the key is not.
    const key = await createKey({
      name: uniqueName('expiring'),
      permissions: ['readPayouts'],
      expiresAt: new Date(Date.now() + 120_000).toISOString(),
    })
    const session = await login({ apiKey: key.apiKey, apiSecret: key.apiSecret })
    expect((await call('/payouts', { headers: direct(key) })).status).toBe(200)
    clockOffsetMs = 180_000
    await expectError(await call('/payouts', { headers: direct(key) }), 401, 'unauthorized', { reason: 'expired' })
    await expectError(await call('/payouts', { token: session.token }), 401, 'unauthorized', { reason: 'expired' })
    await expectError(
      await call('/auth/login', { method: 'POST', body: { apiKey: key.apiKey, apiSecret: key.apiSecret } }),
      401,
      'unauthorized',
      { reason: 'expired' },
    )
  })
})

describe('pulse key update and delete', () => {
  it('updates name, permissions, expiresAt and enabled; a disabled key gets 401 until enabled again', async () => {
    const key = await createKey({ name: uniqueName('patch-me'), permissions: ['readMerchants'] })
    const session = await login({ apiKey: key.apiKey, apiSecret: key.apiSecret })
    const patched = await call(`/apikeys/${key.id}`, {
      method: 'PATCH',
      as: 'admin',
      body: {
        name: 'renamed',
        permissions: ['readMerchants', 'readPayouts'],
        expiresAt: '2031-06-01T12:00:00Z',
        enabled: false,
      },
    })
    expect(patched.status).toBe(200)
    const { apiSecret: _secret, ...before } = key
    expect(await patched.json()).toEqual({
      ...before,
      name: 'renamed',
      permissions: ['readMerchants', 'readPayouts'],
      expiresAt: '2031-06-01T12:00:00Z',
      enabled: false,
      // The login above was a use of the key.
      lastUsedAt: expect.stringMatching(ISO_SECONDS),
    })
    await expectError(await call('/merchants', { headers: direct(key) }), 401, 'unauthorized', { reason: 'disabled' })
    await expectError(await call('/merchants', { token: session.token }), 401, 'unauthorized', { reason: 'disabled' })

    const enabled = await call(`/apikeys/${key.id}`, {
      method: 'PATCH',
      as: 'admin',
      body: { enabled: true, expiresAt: null },
    })
    expect(((await enabled.json()) as PulseKey).expiresAt).toBeNull()
    expect((await call('/payouts', { token: session.token })).status).toBe(200)
  })

  it('rejects invalid patches, grants beyond the caller, foreign keys and callers without writeApiKeys', async () => {
    const key = await createKey(
      { name: uniqueName('patch-errors'), permissions: ['readMerchants'] },
      { as: 'admin', account: 'acc_contoso' },
    )
    const path = `/apikeys/${key.id}`
    await expectError(
      await call(path, { method: 'PATCH', as: 'admin', account: 'acc_contoso', body: { enabled: 'no' } }),
      400,
      'invalid_request',
      { field: 'enabled' },
    )
    await expectError(
      await call(path, {
        method: 'PATCH',
        as: 'admin',
        account: 'acc_contoso',
        body: { expiresAt: '2000-01-01T00:00:00Z' },
      }),
      400,
      'invalid_request',
      { field: 'expiresAt' },
    )
    await expectError(
      await call(path, { method: 'PATCH', as: 'admin', account: 'acc_contoso', body: { name: '' } }),
      400,
      'invalid_request',
      { field: 'name' },
    )
    await expectError(
      await call(path, { method: 'PATCH', as: 'support', body: { permissions: ['writeMerchants'] } }),
      403,
      'forbidden',
      { missingPermissions: ['writeMerchants'] },
    )
    await expectError(
      await call(path, { method: 'PATCH', as: 'admin', body: { name: 'wrong-account' } }),
      404,
      'not_found',
    )
    await expectError(await call('/apikeys/00000000-0000-0000-0000-000000000000', { as: 'admin' }), 404, 'not_found')
    const viewerSession = sessions.viewer
    const northwindKey = await createKey({ name: uniqueName('viewer-target'), permissions: ['readMerchants'] })
    await expectError(
      await call(`/apikeys/${northwindKey.id}`, { method: 'PATCH', token: viewerSession, body: { name: 'x' } }),
      403,
      'forbidden',
      { missingPermissions: ['writeApiKeys'] },
    )
    await expectError(
      await call(`/apikeys/${northwindKey.id}`, { method: 'DELETE', token: viewerSession }),
      403,
      'forbidden',
    )
  })

  it('deletes a key: 204, then 404, and its credentials stop working', async () => {
    const key = await createKey({ name: uniqueName('delete-me'), permissions: ['readApplications'] }, { as: 'support' })
    const session = await login({ apiKey: key.apiKey, apiSecret: key.apiSecret })
    const deleted = await call(`/apikeys/${key.id}`, { method: 'DELETE', as: 'support' })
    expect(deleted.status).toBe(204)
    await expectError(await call(`/apikeys/${key.id}`, { as: 'support' }), 404, 'not_found')
    await expectError(await call(`/apikeys/${key.id}`, { method: 'DELETE', as: 'support' }), 404, 'not_found')
    await expectError(await call('/applications', { headers: direct(key) }), 401, 'unauthorized')
    await expectError(await call('/applications', { token: session.token }), 401, 'unauthorized')
  })
})

describe('pulse Idempotency-Key', () => {
  it('returns the same key and secret for a repeat and creates only one key', async () => {
    const name = uniqueName('idempotent')
    const headers = { 'idempotency-key': `pulse-${Date.now()}` }
    const body = { name, permissions: ['readTransactions'] }
    const responses = await Promise.all(
      [1, 2, 3, 4].map(() => call('/apikeys', { method: 'POST', as: 'admin', account: 'acc_fabrikam', body, headers })),
    )
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Created[]
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201])
    expect(new Set(bodies.map((b) => `${b.id} ${b.apiSecret}`)).size).toBe(1)
    const listed = await listKeys({ as: 'admin', account: 'acc_fabrikam' })
    expect(listed.apiKeys.filter((k) => k.name === name)).toHaveLength(1)
    await expectError(
      await call('/apikeys', {
        method: 'POST',
        as: 'admin',
        account: 'acc_fabrikam',
        body: { ...body, name: 'changed' },
        headers,
      }),
      422,
      'unprocessable',
      { field: 'Idempotency-Key' },
    )
  })
})

describe('pulse demo resources, audit and logs', () => {
  it('serves every demo resource with readX for GET and writeX for POST', async () => {
    for (const [path, resource] of [
      ['/applications', 'Applications'],
      ['/merchants', 'Merchants'],
      ['/transactions', 'Transactions'],
      ['/payouts', 'Payouts'],
    ] as const) {
      expect((await call(path, { as: 'viewer' })).status).toBe(200)
      await expectError(await call(path, { method: 'POST', as: 'viewer', body: {} }), 403, 'forbidden', {
        missingPermissions: [`write${resource}`],
      })
      expect((await call(path, { method: 'POST', as: 'admin', body: {} })).status).toBe(200)
    }
    await expectError(await call('/refunds', { as: 'admin' }), 404, 'not_found')
  })

  it('audits created, updated and deleted with the actor, never a secret', async () => {
    const key = await createKey({ name: uniqueName('audited'), permissions: ['readMerchants'] })
    await call(`/apikeys/${key.id}`, {
      method: 'PATCH',
      as: 'support',
      account: 'acc_northwind',
      body: { enabled: false },
    })
    await call(`/apikeys/${key.id}`, { method: 'DELETE', token: oidcTokens.admin })
    const entries = await sandbox.deps.audit.list({ dialect: 'pulse', keyId: key.id, limit: 10 })
    expect(entries.map((e) => [e.action, e.actor, e.tenantId]).sort()).toEqual([
      ['created', 'admin', 'acc_northwind'],
      ['deleted', 'admin', 'acc_northwind'],
      ['updated', 'support', 'acc_northwind'],
    ])
    expect(JSON.stringify(entries)).not.toContain(key.apiSecret)
  })

  it('never logs a secret or a token', async () => {
    const key = await createKey({ name: uniqueName('log-check'), permissions: ['readMerchants'] })
    const session = await login({ apiKey: key.apiKey, apiSecret: key.apiSecret })
    await call('/merchants', { token: session.token })
    const log = logLines.join('\n')
    expect(log).toContain('/pulse/auth/login')
    for (const secret of [key.apiSecret, session.token, ...Object.values(sessions), ...Object.values(oidcTokens)])
      expect(log).not.toContain(secret)
  })
})
