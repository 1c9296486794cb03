import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { newKeyValue, WALLET_KEY_FORMAT } from '@sandbox/keys/key-format'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { sandboxAccessToken } from '../support/sandbox-access-token'

// The wallet dialect (docs/remote-apis.md, "wallet") over real HTTP, with real user tokens.

const DAY_MS = 24 * 60 * 60 * 1000
const WALLET_KEY = /^wk_[0-9A-Za-z]{40}$/
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

let sandbox: Sandbox
let clockOffsetMs = 0
const logLines: string[] = []
const tokens: Record<'admin' | 'support' | 'viewer', string> = { admin: '', support: '', viewer: '' }

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    clock: () => new Date(Date.now() + clockOffsetMs),
    log: (line) => logLines.push(line),
  })
  for (const user of ['admin', 'support', 'viewer'] as const) tokens[user] = await sandboxAccessToken(sandbox.url, user)
})
afterAll(async () => {
  await sandbox?.close()
})
afterEach(() => {
  clockOffsetMs = 0
})

interface WalletKey {
  id: string
  walletId: string
  name: string
  maskedKey: string
  roles: Record<string, 'view' | 'change'>
  expiresAt: string
  notes: string | null
  createdAt: string
  lastUsedAt: string | null
}
interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> }
}

type User = keyof typeof tokens
function call(
  path: string,
  init: { method?: string; as?: User; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const token = init.token ?? (init.as ? tokens[init.as] : undefined)
  const body =
    init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body)
  return fetch(`${sandbox.url}/wallet${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(body !== undefined ? { body } : {}),
  })
}

const keysPath = (walletId: string) => `/v1/wallets/${walletId}/apikeys`
let nameCounter = 0
const uniqueName = (base: string) => `${base}-${++nameCounter}-${Date.now()}`

async function createKey(body: Record<string, unknown>, walletId = 'wal_main', as: User = 'admin') {
  const response = await call(keysPath(walletId), { method: 'POST', as, body })
  expect(response.status).toBe(201)
  return (await response.json()) as { apiKey: WalletKey; value: string }
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

async function listAll(walletId: string, as: User = 'admin'): Promise<WalletKey[]> {
  const all: WalletKey[] = []
  let cursor: string | null = null
  do {
    const query: string = cursor ? `?limit=7&cursor=${encodeURIComponent(cursor)}` : '?limit=7'
    const response = await call(`${keysPath(walletId)}${query}`, { as })
    expect(response.status).toBe(200)
    const page = (await response.json()) as { apiKeys: WalletKey[]; nextCursor: string | null }
    all.push(...page.apiKeys)
    cursor = page.nextCursor
  } while (cursor)
  return all
}

describe('wallet authentication and wallets', () => {
  it('refuses management calls without a token or with a bad one', async () => {
    const none = await call('/v1/wallets')
    await expectError(none, 401, 'unauthorized')
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="keywarden-sandbox"')
    await expectError(await call('/v1/wallets', { token: 'not-a-token' }), 401, 'unauthorized')
  })

  it('lists the wallets each user belongs to', async () => {
    const idsOf = async (as: User) =>
      (
        (await (await call('/v1/wallets', { as })).json()) as { wallets: Array<{ id: string; name: string }> }
      ).wallets.map((w) => w.id)
    expect(await idsOf('admin')).toEqual(['wal_main', 'wal_payroll', 'wal_marketplace'])
    expect(await idsOf('support')).toEqual(['wal_main', 'wal_marketplace'])
    expect(await idsOf('viewer')).toEqual(['wal_main'])
    const body = await (await call('/v1/wallets', { as: 'viewer' })).json()
    expect(body).toEqual({ wallets: [{ id: 'wal_main', name: 'Main operating wallet', access: 'read' }] })
    const support = (await (await call('/v1/wallets', { as: 'support' })).json()) as {
      wallets: Array<{ access: string }>
    }
    expect(support.wallets.map((w) => w.access)).toEqual(['change', 'change'])
  })

  it('answers 404 for an unknown path and 405 with Allow for a wrong method', async () => {
    await expectError(await call('/v1/nothing', { as: 'admin' }), 404, 'not_found')
    const wrong = await call('/v1/wallets', { method: 'DELETE', as: 'admin' })
    await expectError(wrong, 405, 'method_not_allowed')
    expect(wrong.headers.get('allow')).toBe('GET')
  })
})

describe('wallet key listing', () => {
  it('pages through seeded keys with an opaque cursor, newest first, never showing a value', async () => {
    const keys = await listAll('wal_main')
    expect(keys.length).toBeGreaterThanOrEqual(7)
    expect(new Set(keys.map((k) => k.id)).size).toBe(keys.length)
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual([
        'createdAt',
        'expiresAt',
        'id',
        'lastUsedAt',
        'maskedKey',
        'name',
        'notes',
        'roles',
        'walletId',
      ])
      expect(key.walletId).toBe('wal_main')
      expect(key.maskedKey).toMatch(/^wk_[0-9A-Za-z]{3}\*\*\*[0-9A-Za-z]{3}$/)
      expect(key.expiresAt).toMatch(ISO_SECONDS)
    }
    const created = keys.map((k) => Date.parse(k.createdAt))
    expect(created).toEqual([...created].sort((a, b) => b - a))
  })

  it('has seeded keys that are expired, expiring within a week, never used and with notes', async () => {
    const keys = [
      ...(await listAll('wal_main')),
      ...(await listAll('wal_payroll')),
      ...(await listAll('wal_marketplace')),
    ]
    const now = Date.now()
    expect(keys.some((k) => Date.parse(k.expiresAt) < now)).toBe(true)
    expect(keys.some((k) => Date.parse(k.expiresAt) > now && Date.parse(k.expiresAt) < now + 7 * DAY_MS)).toBe(true)
    expect(keys.some((k) => k.lastUsedAt === null)).toBe(true)
    expect(keys.some((k) => k.lastUsedAt !== null && Date.parse(k.lastUsedAt) > now - DAY_MS)).toBe(true)
    expect(keys.some((k) => k.notes !== null)).toBe(true)
  })

  it('rejects a bad limit or cursor naming the field', async () => {
    await expectError(await call(`${keysPath('wal_main')}?limit=0`, { as: 'admin' }), 400, 'invalid_request', {
      field: 'limit',
    })
    await expectError(await call(`${keysPath('wal_main')}?limit=201`, { as: 'admin' }), 400, 'invalid_request', {
      field: 'limit',
    })
    await expectError(await call(`${keysPath('wal_main')}?cursor=garbage`, { as: 'admin' }), 400, 'invalid_request', {
      field: 'cursor',
    })
  })

  it('answers 403 for a wallet the user does not belong to and 404 for an unknown wallet', async () => {
    await expectError(await call(keysPath('wal_payroll'), { as: 'support' }), 403, 'forbidden', {
      walletId: 'wal_payroll',
    })
    await expectError(await call(keysPath('wal_marketplace'), { as: 'viewer' }), 403, 'forbidden')
    await expectError(await call(keysPath('wal_nowhere'), { as: 'admin' }), 404, 'not_found')
  })
})

describe('wallet key creation', () => {
  it('creates a key, returns its value once with exactly the documented fields, and never again', async () => {
    const name = uniqueName('partner')
    const response = await call(keysPath('wal_main'), {
      method: 'POST',
      as: 'admin',
      body: {
        name: `  ${name}  `,
        roles: { payments: 'change', reports: 'view' },
        notes: 'Contact: ops@partner.example',
      },
    })
    expect(response.status).toBe(201)
    const created = (await response.json()) as { apiKey: WalletKey; value: string }
    expect(Object.keys(created).sort()).toEqual(['apiKey', 'value'])
    expect(created.value).toMatch(WALLET_KEY)
    expect(created.apiKey).toMatchObject({
      walletId: 'wal_main',
      name,
      roles: { payments: 'change', reports: 'view' },
      notes: 'Contact: ops@partner.example',
      lastUsedAt: null,
      maskedKey: `wk_${created.value.slice(3, 6)}***${created.value.slice(-3)}`,
    })
    expect(response.headers.get('location')).toBe(`/wallet/v1/wallets/wal_main/apikeys/${created.apiKey.id}`)

    const fetched = await call(`${keysPath('wal_main')}/${created.apiKey.id}`, { as: 'viewer' })
    expect(fetched.status).toBe(200)
    const fetchedText = await fetched.text()
    expect(JSON.parse(fetchedText)).toEqual(created.apiKey)
    expect(fetchedText).not.toContain(created.value)
    const listed = await listAll('wal_main')
    expect(listed.find((k) => k.id === created.apiKey.id)).toEqual(created.apiKey)
    expect(JSON.stringify(listed)).not.toContain(created.value)
  })

  it('defaults expiresAt to one year from today and keeps an explicit future one', async () => {
    const before = Date.now()
    const { apiKey } = await createKey({ name: uniqueName('default-expiry'), roles: { balances: 'view' } })
    const expectedYear = new Date(before)
    expectedYear.setUTCFullYear(expectedYear.getUTCFullYear() + 1)
    expect(Math.abs(Date.parse(apiKey.expiresAt) - expectedYear.getTime())).toBeLessThan(60_000)

    const { apiKey: explicit } = await createKey({
      name: uniqueName('explicit-expiry'),
      roles: { balances: 'view' },
      expiresAt: '2031-03-04T05:06:07+02:00',
    })
    expect(explicit.expiresAt).toBe('2031-03-04T03:06:07Z')
  })

  it('rejects invalid bodies with 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ roles: { payments: 'view' } }, 'name'],
      [{ name: '   ', roles: { payments: 'view' } }, 'name'],
      [{ name: 'x'.repeat(101), roles: { payments: 'view' } }, 'name'],
      [{ name: 42, roles: { payments: 'view' } }, 'name'],
      [{ name: uniqueName('r') }, 'roles'],
      [{ name: uniqueName('r'), roles: {} }, 'roles'],
      [{ name: uniqueName('r'), roles: { payments: 'admin' } }, 'roles.payments'],
      [{ name: uniqueName('r'), roles: { loans: 'view' } }, 'roles.loans'],
      [{ name: uniqueName('r'), roles: ['payments'] }, 'roles'],
      [{ name: uniqueName('e'), roles: { payments: 'view' }, expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
      [{ name: uniqueName('e'), roles: { payments: 'view' }, expiresAt: 'next tuesday' }, 'expiresAt'],
      [{ name: uniqueName('n'), roles: { payments: 'view' }, notes: 'n'.repeat(1001) }, 'notes'],
      [{ name: uniqueName('u'), roles: { payments: 'view' }, owner: 'me' }, 'owner'],
    ]
    for (const [body, field] of cases) {
      await expectError(
        await call(keysPath('wal_main'), { method: 'POST', as: 'admin', body }),
        400,
        'invalid_request',
        { field },
      )
    }
    await expectError(
      await call(keysPath('wal_main'), { method: 'POST', as: 'admin', body: '{"name":' }),
      400,
      'invalid_request',
    )
    await expectError(
      await call(keysPath('wal_main'), { method: 'POST', as: 'admin', body: '[1]' }),
      400,
      'invalid_request',
    )
    const wrongType = await call(keysPath('wal_main'), {
      method: 'POST',
      as: 'admin',
      body: 'name=x',
      headers: { 'content-type': 'text/plain' },
    })
    await expectError(wrongType, 400, 'invalid_request')
  })

  it('accepts notes of exactly 1000 characters and a name of exactly 100', async () => {
    const name = `${uniqueName('n')}-`.padEnd(100, 'x')
    const { apiKey } = await createKey({ name, roles: { cards: 'view' }, notes: 'n'.repeat(1000) })
    expect(apiKey.name).toHaveLength(100)
    expect(apiKey.notes).toHaveLength(1000)
  })

  it('answers 413 for an oversized body', async () => {
    const response = await call(keysPath('wal_main'), {
      method: 'POST',
      as: 'admin',
      body: { name: 'big', roles: { payments: 'view' }, notes: 'x'.repeat(70_000) },
    })
    await expectError(response, 413, 'payload_too_large')
  })

  it('answers 409 for a name already used in the wallet (after trimming), but allows it in another wallet', async () => {
    const name = uniqueName('dup')
    await createKey({ name, roles: { payments: 'view' } })
    await expectError(
      await call(keysPath('wal_main'), {
        method: 'POST',
        as: 'admin',
        body: { name: ` ${name} `, roles: { cards: 'view' } },
      }),
      409,
      'conflict',
      { field: 'name' },
    )
    await createKey({ name, roles: { payments: 'view' } }, 'wal_payroll')
  })

  it('gives exactly one 201 for 20 concurrent creates with the same name', async () => {
    const name = uniqueName('race')
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(keysPath('wal_marketplace'), {
          method: 'POST',
          as: 'admin',
          body: { name, roles: { payouts: 'change' } },
        }),
      ),
    )
    const statuses = responses.map((r) => r.status).sort()
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(19)
    await Promise.all(responses.map(async (r) => r.body?.cancel()))
    expect((await listAll('wal_marketplace')).filter((k) => k.name === name)).toHaveLength(1)
  })
})

describe('wallet Idempotency-Key', () => {
  it('returns the same key and value for a repeat and creates only one key', async () => {
    const body = { name: uniqueName('idem'), roles: { balances: 'view' } }
    const headers = { 'idempotency-key': `idem-${Date.now()}` }
    const first = await call(keysPath('wal_main'), { method: 'POST', as: 'admin', body, headers })
    expect(first.status).toBe(201)
    const firstBody = (await first.json()) as { apiKey: WalletKey; value: string }
    const again = await Promise.all(
      [1, 2, 3].map(() =>
        call(keysPath('wal_main'), {
          method: 'POST',
          as: 'admin',
          body: { roles: body.roles, name: body.name },
          headers,
        }),
      ),
    )
    for (const response of again) {
      expect(response.status).toBe(201)
      expect(await response.json()).toEqual(firstBody)
      expect(response.headers.get('location')).toBe(first.headers.get('location'))
    }
    expect((await listAll('wal_main')).filter((k) => k.name === body.name)).toHaveLength(1)
  })

  it('runs concurrent first attempts once', async () => {
    const body = { name: uniqueName('idem-race'), roles: { cards: 'change' } }
    const headers = { 'idempotency-key': `race-${Date.now()}` }
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => call(keysPath('wal_main'), { method: 'POST', as: 'admin', body, headers })),
    )
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Array<{ value: string }>
    expect(responses.every((r) => r.status === 201)).toBe(true)
    expect(new Set(bodies.map((b) => b.value)).size).toBe(1)
    expect((await listAll('wal_main')).filter((k) => k.name === body.name)).toHaveLength(1)
  })

  it('answers 422 when the same Idempotency-Key comes with another body, and 400 for a malformed key', async () => {
    const headers = { 'idempotency-key': `reuse-${Date.now()}` }
    await call(keysPath('wal_main'), {
      method: 'POST',
      as: 'admin',
      body: { name: uniqueName('a'), roles: { cards: 'view' } },
      headers,
    })
    const other = await call(keysPath('wal_main'), {
      method: 'POST',
      as: 'admin',
      body: { name: uniqueName('b'), roles: { cards: 'view' } },
      headers,
    })
    await expectError(other, 422, 'unprocessable', { field: 'Idempotency-Key' })
    const bad = await call(keysPath('wal_main'), {
      method: 'POST',
      as: 'admin',
      body: { name: uniqueName('c'), roles: { cards: 'view' } },
      headers: { 'idempotency-key': 'has spaces' },
    })
    await expectError(bad, 400, 'invalid_request', { field: 'Idempotency-Key' })
  })
})

describe('wallet key get, update and delete', () => {
  it('answers 404 for an unknown key and for a key of another wallet', async () => {
    await expectError(await call(`${keysPath('wal_main')}/wk_doesnotexist0000`, { as: 'admin' }), 404, 'not_found')
    const { apiKey } = await createKey({ name: uniqueName('elsewhere'), roles: { cards: 'view' } }, 'wal_payroll')
    await expectError(await call(`${keysPath('wal_main')}/${apiKey.id}`, { as: 'admin' }), 404, 'not_found')
    await expectError(
      await call(`${keysPath('wal_main')}/${apiKey.id}`, { method: 'DELETE', as: 'admin' }),
      404,
      'not_found',
    )
  })

  it('updates roles and notes only', async () => {
    const { apiKey, value } = await createKey({
      name: uniqueName('edit'),
      roles: { payments: 'view' },
      notes: 'before',
    })
    const response = await call(`${keysPath('wal_main')}/${apiKey.id}`, {
      method: 'PATCH',
      as: 'support',
      body: { roles: { payments: 'change', cards: 'view' }, notes: 'after' },
    })
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).not.toContain(value)
    expect(JSON.parse(text)).toEqual({ ...apiKey, roles: { payments: 'change', cards: 'view' }, notes: 'after' })

    const cleared = await call(`${keysPath('wal_main')}/${apiKey.id}`, {
      method: 'PATCH',
      as: 'admin',
      body: { notes: null },
    })
    expect(((await cleared.json()) as WalletKey).notes).toBeNull()
    await expectError(
      await call(`${keysPath('wal_main')}/${apiKey.id}`, {
        method: 'PATCH',
        as: 'admin',
        body: { roles: { payments: 'own' } },
      }),
      400,
      'invalid_request',
      { field: 'roles.payments' },
    )
    await expectError(
      await call(`${keysPath('wal_main')}/wk_doesnotexist0000`, { method: 'PATCH', as: 'admin', body: { notes: 'x' } }),
      404,
      'not_found',
    )
  })

  it('keeps name and expiry immutable: 422 naming the field, nothing changed', async () => {
    const { apiKey } = await createKey({ name: uniqueName('immutable'), roles: { reports: 'view' } })
    const path = `${keysPath('wal_main')}/${apiKey.id}`
    await expectError(
      await call(path, { method: 'PATCH', as: 'admin', body: { name: 'renamed' } }),
      422,
      'unprocessable',
      { field: 'name' },
    )
    await expectError(
      await call(path, { method: 'PATCH', as: 'admin', body: { expiresAt: '2040-01-01T00:00:00Z', notes: 'x' } }),
      422,
      'unprocessable',
      { field: 'expiresAt' },
    )
    await expectError(
      await call(path, { method: 'PATCH', as: 'admin', body: { name: apiKey.name } }),
      422,
      'unprocessable',
      { field: 'name' },
    )
    expect(await (await call(path, { as: 'admin' })).json()).toEqual(apiKey)
  })

  it('deletes a key: 204, then 404, and the key no longer authenticates', async () => {
    const { apiKey, value } = await createKey({ name: uniqueName('delete-me'), roles: { balances: 'view' } })
    const path = `${keysPath('wal_main')}/${apiKey.id}`
    const deleted = await call(path, { method: 'DELETE', as: 'support' })
    expect(deleted.status).toBe(204)
    expect(await deleted.text()).toBe('')
    await expectError(await call(path, { as: 'admin' }), 404, 'not_found')
    await expectError(await call(path, { method: 'DELETE', as: 'admin' }), 404, 'not_found')
    await expectError(await call('/v1/demo/balances', { headers: { 'x-api-key': value } }), 401, 'unauthorized')
  })
})

describe('wallet API Access (Read) vs (Change)', () => {
  it('lets viewer read but not create, edit or delete', async () => {
    const { apiKey } = await createKey({ name: uniqueName('viewer-target'), roles: { payments: 'view' } })
    const path = `${keysPath('wal_main')}/${apiKey.id}`
    expect((await call(keysPath('wal_main'), { as: 'viewer' })).status).toBe(200)
    expect((await call(path, { as: 'viewer' })).status).toBe(200)
    await expectError(
      await call(keysPath('wal_main'), {
        method: 'POST',
        as: 'viewer',
        body: { name: uniqueName('v'), roles: { payments: 'view' } },
      }),
      403,
      'forbidden',
      {
        requiredPermission: 'API Access (Change)',
      },
    )
    await expectError(await call(path, { method: 'PATCH', as: 'viewer', body: { notes: 'no' } }), 403, 'forbidden')
    await expectError(await call(path, { method: 'DELETE', as: 'viewer' }), 403, 'forbidden')
    expect(await (await call(path, { as: 'admin' })).json()).toEqual(apiKey)
  })

  it('lets support change keys only in its own wallets', async () => {
    await createKey({ name: uniqueName('support-made'), roles: { payments: 'view' } }, 'wal_marketplace', 'support')
    await expectError(
      await call(keysPath('wal_payroll'), {
        method: 'POST',
        as: 'support',
        body: { name: uniqueName('s'), roles: { payments: 'view' } },
      }),
      403,
      'forbidden',
    )
  })
})

describe('wallet demo resources with x-api-key', () => {
  it('serves GET with view and POST with change (change implies view), and sets lastUsedAt', async () => {
    const { apiKey, value } = await createKey({
      name: uniqueName('demo'),
      roles: { payments: 'change', reports: 'view' },
    })
    const get = await call('/v1/demo/payments', { headers: { 'x-api-key': value } })
    expect(get.status).toBe(200)
    expect(await get.json()).toMatchObject({ walletId: 'wal_main', resource: 'payments', items: expect.any(Array) })
    expect(
      (await call('/v1/demo/payments', { method: 'POST', body: { amount: 1 }, headers: { 'x-api-key': value } }))
        .status,
    ).toBe(200)
    expect((await call('/v1/demo/reports', { headers: { 'x-api-key': value } })).status).toBe(200)

    const after = (await (await call(`${keysPath('wal_main')}/${apiKey.id}`, { as: 'admin' })).json()) as WalletKey
    expect(after.lastUsedAt).toMatch(ISO_SECONDS)
    expect(Math.abs(Date.parse(after.lastUsedAt ?? '') - Date.now())).toBeLessThan(60_000)
  })

  it('answers 403 naming the role a key lacks', async () => {
    const { value } = await createKey({ name: uniqueName('demo-view'), roles: { reports: 'view' } })
    await expectError(
      await call('/v1/demo/reports', { method: 'POST', body: {}, headers: { 'x-api-key': value } }),
      403,
      'forbidden',
      { requiredRole: { reports: 'change' } },
    )
    await expectError(await call('/v1/demo/cards', { headers: { 'x-api-key': value } }), 403, 'forbidden', {
      requiredRole: { cards: 'view' },
    })
  })

  it('answers 401 for a missing, malformed, unknown or foreign key and 404 for an unknown resource', async () => {
    await expectError(await call('/v1/demo/payments'), 401, 'unauthorized', { reason: 'missing' })
    const { value } = await createKey({ name: uniqueName('typo'), roles: { payments: 'view' } })
    const typo = value.slice(0, 10) + (value[10] === 'a' ? 'b' : 'a') + value.slice(11)
    await expectError(await call('/v1/demo/payments', { headers: { 'x-api-key': typo } }), 401, 'unauthorized', {
      reason: 'malformed',
    })
    await expectError(
      await call('/v1/demo/payments', { headers: { 'x-api-key': 'apk_notawalletkey' } }),
      401,
      'unauthorized',
      { reason: 'malformed' },
    )
    await expectError(
      await call('/v1/demo/payments', { headers: { 'x-api-key': newKeyValue(WALLET_KEY_FORMAT) } }),
      401,
      'unauthorized',
      { reason: 'unknown' },
    )
    await expectError(await call('/v1/demo/loans', { headers: { 'x-api-key': value } }), 404, 'not_found')
  })

  it('answers 401 once a key has expired', async () => {
    const { value } = await createKey({
      name: uniqueName('short-lived'),
      roles: { balances: 'view' },
      expiresAt: new Date(Date.now() + DAY_MS).toISOString(),
    })
    expect((await call('/v1/demo/balances', { headers: { 'x-api-key': value } })).status).toBe(200)
    clockOffsetMs = 2 * DAY_MS
    await expectError(await call('/v1/demo/balances', { headers: { 'x-api-key': value } }), 401, 'unauthorized', {
      reason: 'expired',
    })
  })
})

describe('wallet audit and logs', () => {
  it('records created, updated and deleted with the actor and never the value', async () => {
    const { apiKey, value } = await createKey({
      name: uniqueName('audited'),
      roles: { payments: 'view' },
      notes: 'secret-free notes',
    })
    const path = `${keysPath('wal_main')}/${apiKey.id}`
    await call(path, { method: 'PATCH', as: 'support', body: { roles: { payments: 'change' } } })
    await call(path, { method: 'DELETE', as: 'admin' })
    const entries = await sandbox.deps.audit.list({ dialect: 'wallet', keyId: apiKey.id, limit: 10 })
    expect(entries.map((e) => [e.action, e.actor, e.tenantId, e.keyName]).sort()).toEqual([
      ['created', 'admin', 'wal_main', apiKey.name],
      ['deleted', 'admin', 'wal_main', apiKey.name],
      ['updated', 'support', 'wal_main', apiKey.name],
    ])
    expect(JSON.stringify(entries)).not.toContain(value)
  })

  it('never logs a key value or a token', async () => {
    const { value } = await createKey({ name: uniqueName('log-check'), roles: { payments: 'view' } })
    await call('/v1/demo/payments', { headers: { 'x-api-key': value } })
    const log = logLines.join('\n')
    expect(log).toContain('/wallet/v1/demo/payments')
    expect(log).not.toContain(value)
    for (const token of Object.values(tokens)) expect(log).not.toContain(token)
  })
})
