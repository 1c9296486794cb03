import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiKey } from '../../shared/domain/api-key'
import { OidcConnector } from '../../electron/core/auth/oidc-connector'
import { GatewayAdapter } from '../../electron/core/dialects/gateway/gateway-adapter'
import { ApiClient } from '../../electron/core/http/api-client'
import { refreshTokenAccount } from '../../electron/core/vault/keychain-vault'
import { startSandbox, type Sandbox } from '../../sandbox/server'
import { signedInSession, testKeychain, type SessionHarness } from '../support/signed-in-session'

// ApiClient + GatewayAdapter against the sandbox's gateway, after a real sign-in through its login page.

const DAY_MS = 24 * 60 * 60 * 1000
let sandbox: Sandbox
const keychain = testKeychain()

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  await sandbox?.close()
})
afterEach(() => keychain.clear())

function gatewayOf(h: SessionHarness, options: { baseUrl?: string; now?: () => Date } = {}): GatewayAdapter {
  const api = new ApiClient(options.baseUrl ?? h.profile.apiBaseUrl, h.profile.name, h.session)
  return new GatewayAdapter(api, options.now)
}

async function gatewayStatus(base: string, accessToken: string): Promise<number> {
  const response = await fetch(`${base}/gateway/v1/apikeys`, { headers: { authorization: `Bearer ${accessToken}` } })
  await response.body?.cancel()
  return response.status
}

const byName = (keys: ApiKey[]) => new Map(keys.map((key) => [key.name, key]))

describe('GatewayAdapter.listKeys against the sandbox', () => {
  it('returns the seeded keys in the shared model: status, masked key, permissions, dates', async () => {
    const h = await signedInSession(sandbox, keychain)
    const keys = await gatewayOf(h).listKeys()

    expect(keys.map((k) => k.name).sort()).toEqual([
      'checkout-service',
      'crm-sync',
      'legacy-webshop',
      'load-test-2024',
      'nightly-reports',
      'payout-reconciler',
      'refund-worker',
      'support-dashboard',
    ])
    const keyed = byName(keys)
    expect(keyed.get('checkout-service')).toEqual({
      id: expect.stringMatching(/^apk_[A-Za-z0-9]+$/),
      name: 'checkout-service',
      maskedKey: expect.stringMatching(/^apk_[A-Za-z0-9]{3}\*\*\*[A-Za-z0-9]{3}$/),
      status: 'active',
      permissions: ['sale:read', 'sale:write', 'transaction:read'],
      expiresAt: null,
      notes: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastUsedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    })

    const statusOf = (name: string) => keyed.get(name)?.status
    // Past their expiresAt: expired, whatever the server's own status says.
    expect(['payout-reconciler', 'legacy-webshop', 'load-test-2024'].map(statusOf)).toEqual(['expired', 'expired', 'expired'])
    expect(statusOf('support-dashboard')).toBe('disabled')
    expect(statusOf('crm-sync')).toBe('active') // expires in 5 days
    expect(keyed.get('crm-sync')?.lastUsedAt).toBeNull()
    expect(keyed.get('refund-worker')?.permissions).toEqual(['refund:read', 'refund:write', 'transaction:read'])
    expect(keyed.get('load-test-2024')?.permissions).toEqual(['sale:write'])

    // A listing never carries a usable key value (apk_ + 40 symbols).
    expect(JSON.stringify(keys)).not.toMatch(/apk_[A-Za-z0-9]{40}/)
  })

  it('judges expiry by its own clock', async () => {
    const h = await signedInSession(sandbox, keychain)
    const inSixDays = () => new Date(Date.now() + 6 * DAY_MS)
    const keyed = byName(await gatewayOf(h, { now: inSixDays }).listKeys())
    expect(keyed.get('crm-sync')?.status).toBe('expired')
    expect(keyed.get('refund-worker')?.status).toBe('active')
  })

  it('follows the next links of a gateway with more than one page', async () => {
    const own = await startSandbox({ port: 0 })
    try {
      const h = await signedInSession(own, keychain)
      const token = await h.session.accessToken()
      for (let i = 0; i < 200; i++) {
        const response = await fetch(`${own.url}/gateway/v1/apikeys`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `bulk-${i}`, scopes: 'sale:read' }),
        })
        expect(response.status).toBe(201)
        await response.body?.cancel()
      }
      const keys = await gatewayOf(h).listKeys()
      expect(keys).toHaveLength(208)
      expect(new Set(keys.map((k) => k.id)).size).toBe(208)
      expect(keys.filter((k) => k.name.startsWith('bulk-'))).toHaveLength(200)
    } finally {
      await own.close()
    }
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
      await vi.waitFor(async () => expect(await gatewayStatus(shortLived.url, stale)).toBe(401), { timeout: 15_000, interval: 250 })
      expect(h.connector.refreshes).toBe(0)

      const keys = await gatewayOf(h).listKeys()
      expect(keys).toHaveLength(8)
      expect(h.connector.refreshes).toBe(1)
      expect(await h.session.accessToken()).not.toBe(stale)
      expect(h.session.current().status).toBe('signed-in')
    } finally {
      await shortLived.close()
    }
  })

  it('signs out with UNAUTHENTICATED when the session was revoked on the server', async () => {
    const h = await signedInSession(sandbox, keychain)
    const refreshToken = (await keychain.vault.read(refreshTokenAccount(h.profile.id)))!
    // Revoking the refresh token ends the whole grant, its access token included.
    expect(await new OidcConnector(sandbox.url, 'keywarden-desktop').revoke(refreshToken)).toBe(true)

    await expect(gatewayOf(h).listKeys()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(h.connector.refreshes).toBe(1)
    expect(h.session.current()).toMatchObject({ status: 'signed-out', lastError: expect.stringMatching(/session has ended/i) })
    expect(await keychain.accounts()).toEqual([])
  })
})

describe('when the server is gone or answers nonsense', () => {
  it('fails with NETWORK naming the server when the sandbox is closed', async () => {
    const own = await startSandbox({ port: 0 })
    const h = await signedInSession(own, keychain)
    await own.close()
    const error = await gatewayOf(h).listKeys().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'NETWORK' })
    const message = (error as Error).message
    expect(message).toContain(new URL(own.url).origin)
    expect(message).toContain(h.profile.name)
    expect(message).toContain('list keys')
  })

  describe('with a stand-in API server (auth still from the sandbox)', () => {
    let server: Server
    let base: string
    let answer: { status: number; body: string }
    const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = []

    beforeAll(async () => {
      server = createServer((req, res) => {
        seen.push({ url: req.url ?? '', headers: req.headers })
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
      const h = await signedInSession(sandbox, keychain)
      const error = await gatewayOf(h, { baseUrl: base }).listKeys().catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'BAD_RESPONSE' })
      expect((error as Error).message).toContain(h.profile.name)
      expect((error as Error).message).toContain('list keys')
      expect((error as Error).message).toContain('_embedded')
      expect(seen).toHaveLength(1)
      expect(seen[0]!.url).toBe('/gateway/v1/apikeys?page=0&size=200')
      expect(seen[0]!.headers.authorization).toMatch(/^Bearer \S+$/)
    })

    it('fails with BAD_RESPONSE for a 200 that is not JSON', async () => {
      answer = { status: 200, body: '<html>maintenance</html>' }
      const h = await signedInSession(sandbox, keychain)
      await expect(gatewayOf(h, { baseUrl: base }).listKeys()).rejects.toMatchObject({
        code: 'BAD_RESPONSE',
        message: expect.stringContaining('other than JSON'),
      })
    })

    it("passes a server error on as SERVER with the server's message", async () => {
      answer = { status: 503, body: '{"error":{"message":"Database is down."}}' }
      const h = await signedInSession(sandbox, keychain)
      await expect(gatewayOf(h, { baseUrl: base }).listKeys()).rejects.toMatchObject({
        code: 'SERVER',
        message: `${h.profile.name}: could not list keys: Database is down.`,
      })
    })

    it('refuses to follow a next link to another server, and sends it no token', async () => {
      answer = {
        status: 200,
        body: JSON.stringify({ _embedded: { apikeys: [] }, _links: { next: { href: 'https://evil.example/v1/apikeys?page=1' } } }),
      }
      const h = await signedInSession(sandbox, keychain)
      await expect(gatewayOf(h, { baseUrl: base }).listKeys()).rejects.toMatchObject({
        code: 'BAD_RESPONSE',
        message: expect.stringContaining('https://evil.example'),
      })
      expect(seen).toHaveLength(1)
    })
  })
})
