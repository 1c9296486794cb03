import * as client from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GATEWAY_KEY_FORMAT, isWellFormedKey, newKeyValue } from '@sandbox/keys/key-format'
import type { KeyStore } from '@sandbox/keys/key-store'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { sandboxAccessToken } from '../support/sandbox-access-token'

// The gateway dialect (seed 000, docs/remote-apis.md) over real HTTP: every route and error.

let sandbox: Sandbox
const logLines: string[] = []
/** Every key-store call the routers make, by method name. */
const storeCalls: string[] = []
const keyValues: string[] = []
let admin: string
let support: string
let viewer: string

function countingStore(store: KeyStore): KeyStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        storeCalls.push(String(property))
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: (line) => logLines.push(line), instrumentKeyStore: countingStore })
  const config = await client.discovery(
    new URL(sandbox.url),
    'sandbox-cli',
    undefined,
    client.ClientSecretBasic(sandbox.cliClientSecret),
    {
      execute: [client.allowInsecureRequests],
    },
  )
  admin = (await client.clientCredentialsGrant(config)).access_token
  support = await sandboxAccessToken(sandbox.url, 'support')
  viewer = await sandboxAccessToken(sandbox.url, 'viewer')
})
afterAll(async () => {
  await sandbox?.close()
})

function gateway(
  path: string,
  init: { method?: string; token?: string; apiKey?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers }
  if (init.token) headers.authorization = `Bearer ${init.token}`
  if (init.apiKey !== undefined) headers['x-api-key'] = init.apiKey
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  return fetch(`${sandbox.url}/gateway${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  })
}

interface Created {
  id: string
  key: string
  name: string
  scopes: string
  status: string
}

async function createKey(
  token: string,
  body: { name: string; scopes: string },
  headers: Record<string, string> = {},
): Promise<Created> {
  const response = await gateway('/v1/apikeys', { method: 'POST', token, body, headers })
  expect(response.status).toBe(201)
  const created = (await response.json()) as Created
  keyValues.push(created.key)
  return created
}

async function errorOf(
  response: Response,
): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  return ((await response.json()) as { error: { code: string; message: string; details: Record<string, unknown> } })
    .error
}

describe('GET /v1/me', () => {
  it('tells each caller the scopes it may grant and its management permissions', async () => {
    const me = async (token: string) => (await gateway('/v1/me', { token })).json()
    const reads = 'sale:read transaction:read refund:read payout:read customer:read'
    expect(await me(admin)).toEqual({
      username: 'admin',
      scopes:
        'sale:read sale:write transaction:read transaction:write refund:read refund:write payout:read payout:write customer:read customer:write',
      permissions: ['apikey:decrypt', 'apikey:write'],
    })
    expect(await me(support)).toEqual({
      username: 'support',
      scopes: reads,
      permissions: ['apikey:decrypt', 'apikey:write'],
    })
    expect(await me(viewer)).toEqual({ username: 'viewer', scopes: reads, permissions: [] })
    expect((await gateway('/v1/me')).status).toBe(401)
  })

  it('refuses create, change and delete to a caller without apikey:write (viewer), naming the permission', async () => {
    const created = await createKey(admin, { name: 'viewer-may-not-touch', scopes: 'sale:read' })
    const attempts = [
      gateway('/v1/apikeys', { method: 'POST', token: viewer, body: { name: 'x', scopes: 'sale:read' } }),
      gateway(`/v1/apikeys/${created.id}`, { method: 'PATCH', token: viewer, body: { name: 'renamed' } }),
      gateway(`/v1/apikeys/${created.id}`, { method: 'DELETE', token: viewer }),
    ]
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403)
      expect(((await response.json()) as { error: unknown }).error).toMatchObject({
        code: 'forbidden',
        details: { missingPermission: 'apikey:write' },
      })
    }
    const still = await gateway(`/v1/apikeys/${created.id}`, { token: admin })
    expect(((await still.json()) as { name: string }).name).toBe('viewer-may-not-touch')
  })
})

describe('gateway key management', () => {
  it('creates keys in the checksummed apk_ format', async () => {
    const created = await createKey(admin, { name: 'format-check', scopes: 'sale:read' })
    expect(created.key).toMatch(/^apk_[A-Za-z0-9]{40}$/)
    expect(isWellFormedKey(created.key, GATEWAY_KEY_FORMAT)).toBe(true)
  })

  it('gets one key, and 404 for an unknown id', async () => {
    const created = await createKey(admin, { name: 'get-me', scopes: 'sale:read transaction:read' })
    const response = await gateway(`/v1/apikeys/${created.id}`, { token: viewer })
    expect(response.status).toBe(200)
    const key = (await response.json()) as Record<string, unknown>
    expect(key).toMatchObject({
      id: created.id,
      name: 'get-me',
      status: 'Active',
      scopes: 'sale:read transaction:read',
      expiresAt: null,
      lastUsedAt: null,
    })
    expect(JSON.stringify(key)).not.toContain(created.key)

    const missing = await gateway('/v1/apikeys/apk_doesnotexist0000', { token: admin })
    expect(missing.status).toBe(404)
    expect(await errorOf(missing)).toMatchObject({ code: 'not_found', details: { id: 'apk_doesnotexist0000' } })
  })

  it('renames, disables and re-enables a key with PATCH; a disabled key is refused on a demo resource', async () => {
    const created = await createKey(admin, { name: 'to-rename', scopes: 'sale:read' })
    const renamed = await gateway(`/v1/apikeys/${created.id}`, {
      method: 'PATCH',
      token: support,
      body: { name: '  renamed  ', status: 'Disabled' },
    })
    expect(renamed.status).toBe(200)
    expect(await renamed.json()).toMatchObject({ id: created.id, name: 'renamed', status: 'Disabled' })

    const refused = await gateway('/v1/sales', { apiKey: created.key })
    expect(refused.status).toBe(401)
    expect(await errorOf(refused)).toMatchObject({ code: 'unauthorized', details: { reason: 'disabled' } })

    const enabled = await gateway(`/v1/apikeys/${created.id}`, {
      method: 'PATCH',
      token: admin,
      body: { status: 'Active' },
    })
    expect(await enabled.json()).toMatchObject({ status: 'Active', name: 'renamed' })
    expect((await gateway('/v1/sales', { apiKey: created.key })).status).toBe(200)
  })

  it('rejects bad PATCH bodies: 400 naming the field, 422 for immutable fields, 404 for unknown ids', async () => {
    const created = await createKey(admin, { name: 'patch-errors', scopes: 'sale:read' })
    const patch = (body: unknown, id = created.id) =>
      gateway(`/v1/apikeys/${id}`, { method: 'PATCH', token: admin, body })

    for (const [body, field] of [
      [{ status: 'Paused' }, 'status'],
      [{ name: '' }, 'name'],
      [{ colour: 'red' }, 'colour'],
    ] as const) {
      const response = await patch(body)
      expect(response.status).toBe(400)
      expect(await errorOf(response)).toMatchObject({ code: 'invalid_request', details: { field } })
    }
    const immutable = await patch({ scopes: 'sale:read sale:write' })
    expect(immutable.status).toBe(422)
    expect(await errorOf(immutable)).toMatchObject({ code: 'unprocessable', details: { field: 'scopes' } })
    expect((await patch({ name: 'x' }, 'apk_nosuchkey00000000')).status).toBe(404)
    expect((await patch('not json')).status).toBe(400)
  })

  it('deletes a key: 204, then 404, and it is gone from the list and from the demo resources', async () => {
    const created = await createKey(admin, { name: 'to-delete', scopes: 'sale:read' })
    const deleted = await gateway(`/v1/apikeys/${created.id}`, { method: 'DELETE', token: admin })
    expect(deleted.status).toBe(204)
    expect(await deleted.text()).toBe('')
    expect((await gateway(`/v1/apikeys/${created.id}`, { method: 'DELETE', token: admin })).status).toBe(404)
    expect((await gateway(`/v1/apikeys/${created.id}`, { token: admin })).status).toBe(404)
    const list = await (await gateway('/v1/apikeys?size=200', { token: admin })).text()
    expect(list).not.toContain(created.id)
    expect(await errorOf(await gateway('/v1/sales', { apiKey: created.key }))).toMatchObject({
      details: { reason: 'unknown' },
    })
  })

  it('answers 405 with Allow for a method a path does not take, and 404 for unknown paths', async () => {
    const response = await gateway('/v1/apikeys', { method: 'DELETE', token: admin })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, POST')
    expect((await gateway('/v1/nothing-here', { token: admin })).status).toBe(404)
  })
})

describe('decrypt', () => {
  it('returns the key value to admin and support', async () => {
    const created = await createKey(admin, { name: 'to-reveal', scopes: 'sale:read' })
    for (const token of [admin, support]) {
      const response = await gateway(`/v1/apikeys/${created.id}/decrypt`, { method: 'PATCH', token })
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ id: created.id, key: created.key })
    }
  })

  it('is forbidden for viewer, and 404 for an unknown id', async () => {
    const created = await createKey(admin, { name: 'not-for-viewer', scopes: 'sale:read' })
    const response = await gateway(`/v1/apikeys/${created.id}/decrypt`, { method: 'PATCH', token: viewer })
    expect(response.status).toBe(403)
    const error = await errorOf(response)
    expect(error).toMatchObject({ code: 'forbidden', details: { missingPermission: 'apikey:decrypt' } })
    expect(JSON.stringify(error)).not.toContain(created.key)
    expect((await gateway('/v1/apikeys/apk_nosuchkey00000000/decrypt', { method: 'PATCH', token: admin })).status).toBe(
      404,
    )
    expect((await gateway(`/v1/apikeys/${created.id}/decrypt`, { method: 'PATCH' })).status).toBe(401)
  })
})

describe('Idempotency-Key on create', () => {
  it('returns the same 201 and the same key value for a repeat, and creates one key', async () => {
    const headers = { 'idempotency-key': `create-${Date.now()}` }
    const body = { name: 'idempotent-key', scopes: 'sale:read refund:read' }
    const first = await createKey(admin, body, headers)
    const again = await gateway('/v1/apikeys', {
      method: 'POST',
      token: admin,
      body: { scopes: body.scopes, name: body.name },
      headers,
    })
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.headers.get('location')).toBe(`/gateway/v1/apikeys/${first.id}`)
    expect(await again.json()).toEqual(first)

    const list = (await (await gateway('/v1/apikeys?size=200', { token: admin })).json()) as {
      _embedded: { apikeys: Array<{ name: string }> }
    }
    expect(list._embedded.apikeys.filter((key) => key.name === 'idempotent-key')).toHaveLength(1)
  })

  it('runs concurrent repeats once', async () => {
    const headers = { 'idempotency-key': `concurrent-${Date.now()}` }
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        gateway('/v1/apikeys', {
          method: 'POST',
          token: admin,
          body: { name: 'idempotent-burst', scopes: 'sale:read' },
          headers,
        }),
      ),
    )
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as Created[]
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201))
    expect(new Set(bodies.map((body) => body.key)).size).toBe(1)
    keyValues.push(bodies[0]?.key ?? '')
  })

  it('answers 422 when the same Idempotency-Key comes with another body, and 400 for a malformed key', async () => {
    const headers = { 'idempotency-key': `mismatch-${Date.now()}` }
    await createKey(admin, { name: 'first-body', scopes: 'sale:read' }, headers)
    const other = await gateway('/v1/apikeys', {
      method: 'POST',
      token: admin,
      body: { name: 'second-body', scopes: 'sale:read' },
      headers,
    })
    expect(other.status).toBe(422)
    expect(await errorOf(other)).toMatchObject({ code: 'unprocessable', details: { field: 'Idempotency-Key' } })

    const bad = await gateway('/v1/apikeys', {
      method: 'POST',
      token: admin,
      body: { name: 'x', scopes: 'sale:read' },
      headers: { 'idempotency-key': 'has space' },
    })
    expect(bad.status).toBe(400)
    expect(await errorOf(bad)).toMatchObject({ details: { field: 'Idempotency-Key' } })
  })

  it('keeps one caller from replaying another caller’s answer', async () => {
    const headers = { 'idempotency-key': `per-caller-${Date.now()}` }
    const byAdmin = await createKey(admin, { name: 'shared-idem', scopes: 'sale:read' }, headers)
    // Behaviour change (issue 9): another caller's repeat is refused with 409, not run as its own create.
    const bySupport = await gateway('/v1/apikeys', {
      method: 'POST',
      token: support,
      body: { name: 'shared-idem', scopes: 'sale:read' },
      headers,
    })
    expect(bySupport.status).toBe(409)
    const text = await bySupport.text()
    expect(text).not.toContain(byAdmin.key)
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'conflict', details: { field: 'Idempotency-Key' } } })
  })
})

describe('demo resources with X-API-KEY', () => {
  it('answers 200 with the scope, 403 without it, and records lastUsedAt', async () => {
    const created = await createKey(admin, { name: 'demo-user', scopes: 'sale:read transaction:write' })
    const sales = await gateway('/v1/sales', { apiKey: created.key })
    expect(sales.status).toBe(200)
    expect(await sales.json()).toMatchObject({ resource: 'sales', apiKeyId: created.id, items: expect.any(Array) })
    expect(
      (await gateway('/v1/transactions', { method: 'POST', apiKey: created.key, body: { amount: 1 } })).status,
    ).toBe(200)

    const forbidden = await gateway('/v1/sales', { method: 'POST', apiKey: created.key, body: {} })
    expect(forbidden.status).toBe(403)
    expect(await errorOf(forbidden)).toMatchObject({ code: 'forbidden', details: { missingScopes: ['sale:write'] } })
    expect((await gateway('/v1/refunds', { apiKey: created.key })).status).toBe(403)

    const key = (await (await gateway(`/v1/apikeys/${created.id}`, { token: admin })).json()) as {
      lastUsedAt: string | null
    }
    expect(key.lastUsedAt).not.toBeNull()
    expect(Math.abs(Date.parse(key.lastUsedAt ?? '') - Date.now())).toBeLessThan(60_000)
  })

  it('answers 401 without a key, for an unknown key and for an expired key', async () => {
    expect(await errorOf(await gateway('/v1/sales'))).toMatchObject({
      code: 'unauthorized',
      details: { reason: 'missing' },
    })
    // Well-formed (valid checksum) but never issued.
    const unknown = newKeyValue(GATEWAY_KEY_FORMAT)
    expect(await errorOf(await gateway('/v1/sales', { apiKey: unknown }))).toMatchObject({
      details: { reason: 'unknown' },
    })

    const expired = (
      await sandbox.deps.keys.list({ dialect: 'gateway', tenantId: '', offset: 0, limit: 500 })
    ).items.find((k) => k.name === 'legacy-webshop')
    expect(expired?.encryptedSecret).toBeTruthy()
    const value = sandbox.deps.cipher.decrypt(expired!.encryptedSecret!, expired!.id)
    const response = await gateway('/v1/sales', { apiKey: value })
    expect(response.status).toBe(401)
    expect(await errorOf(response)).toMatchObject({ details: { reason: 'expired' } })
  })

  it('rejects a key with a one-character typo on its checksum before any database lookup', async () => {
    const created = await createKey(admin, { name: 'typo-target', scopes: 'sale:read' })
    const last = created.key.at(-1) ?? 'a'
    const typo = created.key.slice(0, -1) + (last === 'a' ? 'b' : 'a')
    const middle = created.key.slice(0, 10) + (created.key[10] === 'Q' ? 'R' : 'Q') + created.key.slice(11)
    for (const mistyped of [
      typo,
      middle,
      created.key.slice(0, -1),
      `${created.key}x`,
      created.key.replace('apk_', 'apx_'),
    ]) {
      storeCalls.length = 0
      const response = await gateway('/v1/sales', { apiKey: mistyped })
      expect(response.status).toBe(401)
      expect(await errorOf(response)).toMatchObject({ code: 'unauthorized', details: { reason: 'malformed' } })
      expect(storeCalls).toEqual([])
    }
    storeCalls.length = 0
    expect((await gateway('/v1/sales', { apiKey: created.key })).status).toBe(200)
    expect(storeCalls).toContain('findBySecretSha256')
  })
})

describe('audit log', () => {
  it('records created, revealed, updated and deleted with the actor, never the value', async () => {
    const created = await createKey(support, { name: 'audited', scopes: 'sale:read' })
    await gateway(`/v1/apikeys/${created.id}/decrypt`, { method: 'PATCH', token: admin })
    await gateway(`/v1/apikeys/${created.id}`, { method: 'PATCH', token: admin, body: { status: 'Disabled' } })
    await gateway(`/v1/apikeys/${created.id}`, { method: 'DELETE', token: support })

    const entries = await sandbox.deps.audit.list({ keyId: created.id, limit: 10 })
    expect(entries.map((entry) => [entry.action, entry.actor])).toEqual([
      ['deleted', 'support'],
      ['updated', 'admin'],
      ['revealed', 'admin'],
      ['created', 'support'],
    ])
    expect(entries[1]?.details).toEqual({ changes: { status: { from: 'Active', to: 'Disabled' } } })
    expect(entries.every((entry) => entry.dialect === 'gateway' && entry.keyName === 'audited')).toBe(true)
    expect(JSON.stringify(entries)).not.toContain(created.key)
  })
})

describe('logs', () => {
  it('never print a key value or a token', () => {
    const log = logLines.join('\n')
    expect(logLines.length).toBeGreaterThan(20)
    for (const value of keyValues) expect(log).not.toContain(value)
    for (const token of sandbox.issuedTokenValues()) expect(log).not.toContain(token)
    // Nothing shaped like a key either (ids are apk_ + 16, values apk_ + 40).
    expect(log).not.toMatch(/apk_[A-Za-z0-9]{40}/)
  })
})
