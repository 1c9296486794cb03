import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiKey } from '@shared/domain/api-key'
import { gridToGatewayScopes } from '@core/dialects/gateway/gateway-scopes'
import type { PermissionGrid } from '@shared/domain/permissions/grid'
import { OidcConnector } from '@core/auth/oidc-connector'
import type { CallContext, KeyDraft } from '@core/dialects/dialect-adapter'
import { GatewayAdapter } from '@core/dialects/gateway/gateway-adapter'
import { ApiClient } from '@core/http/api-client'
import { refreshTokenAccount } from '@core/vault/keychain-vault'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { DEMO_PASSWORD, signedInSession, testKeychain, type SessionHarness } from '../support/signed-in-session'

// GatewayAdapter (over ApiClient) against the sandbox's gateway, signed in through its login page.

const DAY_MS = 24 * 60 * 60 * 1000
const SEEDED = [
  'checkout-service',
  'crm-sync',
  'legacy-webshop',
  'load-test-2024',
  'nightly-reports',
  'payout-reconciler',
  'refund-worker',
  'support-dashboard',
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

/** One sign-in per user for the file: the tests here are about the adapter, not the session. */
const signedInAs = (username: 'admin' | 'support' | 'viewer') => {
  if (!sessions.has(username))
    sessions.set(username, signedInSession(sandbox, keychain, { username, password: DEMO_PASSWORD }))
  return sessions.get(username)!
}

function gatewayOf(h: SessionHarness, options: { baseUrl?: string; now?: () => Date } = {}): GatewayAdapter {
  return new GatewayAdapter(
    new ApiClient(options.baseUrl ?? h.profile.apiBaseUrl, h.profile.name, h.session),
    options.now,
  )
}

const context = (signal: AbortSignal = new AbortController().signal): CallContext => ({ accountId: null, signal })
const draft = (permissions: PermissionGrid, name = `test-${randomUUID().slice(0, 8)}`): KeyDraft => ({
  name,
  permissions,
  expiresAt: null,
  notes: null,
})
const byName = (keys: ApiKey[]) => new Map(keys.map((key) => [key.name, key]))
const servedSince = (mark: number, method: string) =>
  served.slice(mark).filter((line) => line.startsWith(`${method} /gateway/`))

/** The key as the server stores it, read past the adapter. */
async function rawKey(h: SessionHarness, id: string): Promise<{ scopes: string; status: string; name: string }> {
  const response = await fetch(`${sandbox.url}/gateway/v1/apikeys/${id}`, {
    headers: { authorization: `Bearer ${await h.session.accessToken()}` },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as { scopes: string; status: string; name: string }
}

describe('listing', () => {
  it('returns the seeded keys in the shared model: status, masked key, grid and scopes, dates', async () => {
    const keys = await gatewayOf(await signedInAs('admin')).listKeys(context())
    expect(keys.map((k) => k.name).sort()).toEqual(SEEDED)
    const keyed = byName(keys)
    expect(keyed.get('checkout-service')).toEqual({
      id: expect.stringMatching(/^apk_[A-Za-z0-9]+$/),
      name: 'checkout-service',
      maskedKey: expect.stringMatching(/^apk_[A-Za-z0-9]{3}\*\*\*[A-Za-z0-9]{3}$/),
      status: 'active',
      permissions: { sale: 'change', transaction: 'view' },
      nativePermissions: ['sale:read', 'sale:write', 'transaction:read'],
      expiresAt: null,
      notes: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastUsedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      accountId: null,
    })
    const statusOf = (name: string) => keyed.get(name)?.status
    // Past their expiresAt: expired, whatever the server's own status says.
    expect(['payout-reconciler', 'legacy-webshop', 'load-test-2024'].map(statusOf)).toEqual([
      'expired',
      'expired',
      'expired',
    ])
    expect(statusOf('support-dashboard')).toBe('disabled')
    expect(statusOf('crm-sync')).toBe('active') // expires in 5 days
    expect(keyed.get('crm-sync')?.lastUsedAt).toBeNull()
    expect(keyed.get('refund-worker')?.permissions).toEqual({ refund: 'change', transaction: 'view' })
    // write alone still means Change (it implies read); the native words stay the server's.
    expect(keyed.get('load-test-2024')).toMatchObject({
      permissions: { sale: 'change' },
      nativePermissions: ['sale:write'],
    })
    // A listing never carries a usable key value (apk_ + 40 symbols).
    expect(JSON.stringify(keys)).not.toMatch(/apk_[A-Za-z0-9]{40}/)
  })

  it('judges expiry by its own clock', async () => {
    const inSixDays = () => new Date(Date.now() + 6 * DAY_MS)
    const keyed = byName(await gatewayOf(await signedInAs('admin'), { now: inSixDays }).listKeys(context()))
    expect(keyed.get('crm-sync')?.status).toBe('expired')
    expect(keyed.get('refund-worker')?.status).toBe('active')
  })

  it('follows the HAL next links over several pages', async () => {
    const big = await startSandbox({ port: 0, seedKeys: 450 })
    try {
      const keys = await gatewayOf(await signedInSession(big, keychain)).listKeys(context())
      expect(keys).toHaveLength(458)
      expect(new Set(keys.map((k) => k.id)).size).toBe(458)
    } finally {
      await big.close()
    }
  })

  it('has no accounts', async () => {
    await expect(gatewayOf(await signedInAs('admin')).listAccounts(new AbortController().signal)).resolves.toEqual([])
  })
})

describe('creating', () => {
  it('creates with the grid: the value once, the grid and scopes read back the same, stored as the grid implies', async () => {
    const h = await signedInAs('admin')
    const gateway = gatewayOf(h)
    const grid: PermissionGrid = { sale: 'change', refund: 'view', customer: 'view' }
    const created = await gateway.createKey(context(), draft(grid), randomUUID())

    expect(created.value).toMatch(/^apk_[A-Za-z0-9]{40,}$/)
    expect(created.secret).toBeNull()
    expect(created.key).toMatchObject({
      status: 'active',
      permissions: grid,
      expiresAt: null,
      lastUsedAt: null,
      accountId: null,
    })
    expect(created.key.maskedKey).not.toBe(created.value)

    const listed = (await gateway.listKeys(context())).find((k) => k.id === created.key.id)
    expect(listed).toEqual(created.key)
    expect(listed?.nativePermissions).toEqual(['sale:read', 'sale:write', 'refund:read', 'customer:read'])
    expect((await rawKey(h, created.key.id)).scopes.split(' ').sort()).toEqual(gridToGatewayScopes(grid).sort())
    expect(JSON.stringify(listed)).not.toContain(created.value)
  })

  it('sends an Idempotency-Key: the same one twice gives the same key and value, and one key', async () => {
    const gateway = gatewayOf(await signedInAs('admin'))
    const idempotencyKey = randomUUID()
    const request = draft({ payout: 'view' })
    const first = await gateway.createKey(context(), request, idempotencyKey)
    const second = await gateway.createKey(context(), request, idempotencyKey)
    expect(second.key.id).toBe(first.key.id)
    expect(second.value).toBe(first.value)
    expect((await gateway.listKeys(context())).filter((k) => k.name === request.name)).toHaveLength(1)
  })

  it('refuses the same Idempotency-Key with another body, with the server’s message', async () => {
    const gateway = gatewayOf(await signedInAs('admin'))
    const idempotencyKey = randomUUID()
    await gateway.createKey(context(), draft({ sale: 'view' }), idempotencyKey)
    await expect(gateway.createKey(context(), draft({ sale: 'change' }), idempotencyKey)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('already used with a different request'),
    })
  })

  it('is FORBIDDEN, naming the missing scopes, when the user grants scopes they do not hold', async () => {
    const h = await signedInAs('support') // support holds every read, no write
    const gateway = gatewayOf(h)
    const error = await gateway
      .createKey(context(), draft({ sale: 'change', refund: 'change', payout: 'view' }), randomUUID())
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'FORBIDDEN' })
    expect((error as Error).message).toContain(h.profile.name)
    expect((error as Error).message).toMatch(/missing: sale:write refund:write\.$/)
  })

  it('names the grid field when the server refuses the scopes', async () => {
    const gateway = gatewayOf(await signedInAs('admin'))
    await expect(gateway.createKey(context(), draft({ loyalty: 'view' }), randomUUID())).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('unknown scopes: loyalty:read'),
      fields: { permissions: expect.stringContaining('loyalty:read') },
    })
  })

  it('is CANCELLED with no effect on the server when the signal is aborted', async () => {
    const gateway = gatewayOf(await signedInAs('admin'))
    const before = (await gateway.listKeys(context())).length
    const aborted = new AbortController()
    aborted.abort()
    const mark = served.length
    await expect(
      gateway.createKey(context(aborted.signal), draft({ sale: 'view' }), randomUUID()),
    ).rejects.toMatchObject({ code: 'CANCELLED' })

    const later = new AbortController()
    const pending = gateway.createKey(context(later.signal), draft({ sale: 'view' }), randomUUID())
    later.abort() // before the request leaves: it waits for the access token first
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' })

    expect(servedSince(mark, 'POST')).toEqual([])
    expect(await gateway.listKeys(context())).toHaveLength(before)
  })
})

describe('updating, revealing, deleting', () => {
  it('renames, disables and enables a key; the list reads back each change', async () => {
    const h = await signedInAs('admin')
    const gateway = gatewayOf(h)
    const { key } = await gateway.createKey(context(), draft({ transaction: 'view' }), randomUUID())

    const renamed = await gateway.updateKey(context(), key.id, { name: `${key.name}-renamed`, enabled: false })
    expect(renamed).toMatchObject({
      id: key.id,
      name: `${key.name}-renamed`,
      status: 'disabled',
      permissions: { transaction: 'view' },
    })
    expect((await gateway.listKeys(context())).find((k) => k.id === key.id)).toEqual(renamed)
    expect(await rawKey(h, key.id)).toMatchObject({ status: 'Disabled', name: `${key.name}-renamed` })

    expect((await gateway.updateKey(context(), key.id, { enabled: true })).status).toBe('active')
    expect((await rawKey(h, key.id)).status).toBe('Active')
  })

  it('refuses changes the gateway cannot make before any request, naming the fields', async () => {
    const gateway = gatewayOf(await signedInAs('admin'))
    const { key } = await gateway.createKey(context(), draft({ sale: 'view' }), randomUUID())
    const mark = served.length
    await expect(
      gateway.updateKey(context(), key.id, { permissions: { sale: 'change' }, notes: 'x' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { permissions: expect.any(String), notes: expect.any(String) },
    })
    expect(servedSince(mark, 'PATCH')).toEqual([])
  })

  it('reveals the value the create returned', async () => {
    const gateway = gatewayOf(await signedInAs('admin'))
    const created = await gateway.createKey(context(), draft({ sale: 'view' }), randomUUID())
    await expect(gateway.revealKey(context(), created.key.id)).resolves.toBe(created.value)
  })

  it('is FORBIDDEN to reveal without apikey:decrypt (viewer), with the server’s message', async () => {
    const admin = gatewayOf(await signedInAs('admin'))
    const { key } = await admin.createKey(context(), draft({ sale: 'view' }), randomUUID())
    await expect(gatewayOf(await signedInAs('viewer')).revealKey(context(), key.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('apikey:decrypt'),
    })
    // support holds decrypt, though not write
    await expect(gatewayOf(await signedInAs('support')).revealKey(context(), key.id)).resolves.toMatch(/^apk_/)
  })

  it('deletes a key; deleting it again is NOT_FOUND', async () => {
    const gateway = gatewayOf(await signedInAs('admin'))
    const { key } = await gateway.createKey(context(), draft({ sale: 'view' }), randomUUID())
    await gateway.deleteKey(context(), key.id)
    expect((await gateway.listKeys(context())).some((k) => k.id === key.id)).toBe(false)
    await expect(gateway.deleteKey(context(), key.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('No API key with this id'),
    })
    await expect(gateway.updateKey(context(), key.id, { name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('key access (GET /v1/me)', () => {
  it('admin may create, edit, delete and reveal; support too, with view-only grants; viewer only looks', async () => {
    const admin = await gatewayOf(await signedInAs('admin')).access(context())
    expect(admin).toMatchObject({ canCreate: true, canEdit: true, canDelete: true, canRevealFromServer: true })
    const support = await gatewayOf(await signedInAs('support')).access(context())
    expect(support).toMatchObject({ canCreate: true, canDelete: true, canRevealFromServer: true })
    const viewer = await gatewayOf(await signedInAs('viewer')).access(context())
    expect(viewer).toMatchObject({
      canCreate: false,
      canEdit: false,
      canDelete: false,
      canRevealFromServer: false,
      reason: expect.stringContaining('apikey:write'),
    })
  })
})

describe('grant limits (GET /v1/me)', () => {
  it('admin may grant Change everywhere; support only View', async () => {
    const admin = await gatewayOf(await signedInAs('admin'))
      .access(context())
      .then((a) => a.grantLimits)
    expect(Object.values(admin).map((l) => l.max)).toEqual(['change', 'change', 'change', 'change', 'change'])
    const support = await gatewayOf(await signedInAs('support'))
      .access(context())
      .then((a) => a.grantLimits)
    expect(support.sale).toEqual({ max: 'view', reason: expect.stringContaining('sale:write') })
  })
})

describe('when the access token is rejected', () => {
  it('renews once after a 401 and the retry succeeds', async () => {
    const shortLived = await startSandbox({ port: 0, accessTokenTtlSeconds: 2 })
    try {
      // The session's clock runs ten minutes behind, so it still trusts a token the server has let expire.
      const h = await signedInSession(shortLived, keychain, undefined, {
        now: () => Date.now() - 10 * 60_000,
        connectorNow: Date.now,
      })
      const stale = await h.session.accessToken()
      await vi.waitFor(
        async () => {
          const response = await fetch(`${shortLived.url}/gateway/v1/apikeys`, {
            headers: { authorization: `Bearer ${stale}` },
          })
          await response.body?.cancel()
          expect(response.status).toBe(401)
        },
        { timeout: 15_000, interval: 250 },
      )
      expect(h.connector.refreshes).toBe(0)
      expect(await gatewayOf(h).listKeys(context())).toHaveLength(8)
      expect(h.connector.refreshes).toBe(1)
      expect(h.session.current().status).toBe('signed-in')
    } finally {
      await shortLived.close()
    }
  })

  it('is UNAUTHENTICATED and signs out when the session was revoked on the server', async () => {
    const h = await signedInSession(sandbox, keychain)
    const refreshToken = (await keychain.vault.read(refreshTokenAccount(h.profile.id)))!
    const auth = h.profile.auth
    if (auth.kind !== 'oauth') throw new Error('an OAuth profile was expected')
    expect(await new OidcConnector(sandbox.url, auth.clientId).revoke(refreshToken)).toBe(true)
    await expect(gatewayOf(h).listKeys(context())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(h.session.current()).toMatchObject({ status: 'signed-out' })
  })
})

describe('when the server is gone or answers nonsense', () => {
  it('fails with NETWORK naming the server, the profile and the call', async () => {
    const own = await startSandbox({ port: 0 })
    const h = await signedInSession(own, keychain)
    await own.close()
    const error = await gatewayOf(h)
      .listKeys(context())
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'NETWORK' })
    expect((error as Error).message).toContain(new URL(own.url).origin)
    expect((error as Error).message).toContain(h.profile.name)
    expect((error as Error).message).toContain('list keys')
  })

  describe('with a stand-in API server (auth still from the sandbox)', () => {
    let server: Server
    let base: string
    let answer: { status: number; body: string }
    const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = []

    beforeAll(async () => {
      server = createServer((req, res) => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body)
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway`
    })
    afterAll(async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    })
    afterEach(() => {
      seen.length = 0
    })

    it('fails with BAD_RESPONSE naming the profile and the call for a 200 of the wrong shape', async () => {
      answer = { status: 200, body: '{"foo":1}' }
      const h = await signedInAs('admin')
      const error = await gatewayOf(h, { baseUrl: base })
        .listKeys(context())
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'BAD_RESPONSE' })
      expect((error as Error).message).toContain(h.profile.name)
      expect((error as Error).message).toContain('list keys')
      expect((error as Error).message).toContain('_embedded')
      expect(seen.map((r) => r.url)).toEqual(['/gateway/v1/apikeys?page=0&size=200'])
      expect(seen[0]!.headers.authorization).toMatch(/^Bearer \S+$/)
    })

    it('sends the Idempotency-Key header with a create', async () => {
      answer = { status: 500, body: '{"error":{"message":"boom"}}' }
      const idempotencyKey = randomUUID()
      await expect(
        gatewayOf(await signedInAs('admin'), { baseUrl: base }).createKey(
          context(),
          draft({ sale: 'view' }),
          idempotencyKey,
        ),
      ).rejects.toMatchObject({
        code: 'SERVER',
        message: expect.stringContaining('boom'),
      })
      expect(seen.map((r) => [r.method, r.headers['idempotency-key']])).toEqual([['POST', idempotencyKey]])
    })

    it('refuses to follow a next link to another server, and sends it no token', async () => {
      answer = {
        status: 200,
        body: JSON.stringify({
          _embedded: { apikeys: [] },
          _links: { next: { href: 'https://evil.example/v1/apikeys?page=1' } },
        }),
      }
      await expect(gatewayOf(await signedInAs('admin'), { baseUrl: base }).listKeys(context())).rejects.toMatchObject({
        code: 'BAD_RESPONSE',
        message: expect.stringContaining('https://evil.example'),
      })
      expect(seen).toHaveLength(1)
    })

    it('stops after the page cap when next links never end', async () => {
      answer = {
        status: 200,
        body: JSON.stringify({ _embedded: { apikeys: [] }, _links: { next: { href: '/v1/apikeys?page=1&size=200' } } }),
      }
      await expect(gatewayOf(await signedInAs('admin'), { baseUrl: base }).listKeys(context())).rejects.toMatchObject({
        code: 'BAD_RESPONSE',
        message: expect.stringContaining('more than 1000 pages'),
      })
      expect(seen).toHaveLength(1000)
    })

    it('says clearly when the gateway has no GET /v1/me', async () => {
      answer = { status: 404, body: '{"error":{"code":"not_found","message":"No such gateway resource."}}' }
      await expect(
        gatewayOf(await signedInAs('admin'), { baseUrl: base })
          .access(context())
          .then((a) => a.grantLimits),
      ).rejects.toMatchObject({
        code: 'BAD_RESPONSE',
        message: expect.stringMatching(/no GET \/v1\/me.*cannot tell which scopes you may grant/),
      })
    })
  })
})
