import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as client from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { LoginRejectedError, signInThroughLoginPage } from '../support/login-page-client'

const PASSWORD = 'keywarden'
const DESKTOP = 'keywarden-desktop'

let sandbox: Sandbox
const logLines: string[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accessTokenTtlSeconds: 120, log: (line) => logLines.push(line) })
})
afterAll(async () => {
  await sandbox?.close()
})

const insecure = { execute: [client.allowInsecureRequests] }
const desktopConfig = () => client.discovery(new URL(sandbox.url), DESKTOP, undefined, client.None(), insecure)
const cliConfig = () =>
  client.discovery(
    new URL(sandbox.url),
    'sandbox-cli',
    undefined,
    client.ClientSecretBasic(sandbox.cliClientSecret),
    insecure,
  )

async function cliToken(): Promise<string> {
  return (await client.clientCredentialsGrant(await cliConfig())).access_token
}

function gateway(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const { token, headers, ...rest } = init
  return fetch(`${sandbox.url}/gateway${path}`, {
    ...rest,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(headers as Record<string, string>) },
  })
}

function createKey(token: string, body: unknown): Promise<Response> {
  return gateway('/v1/apikeys', {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/** The app's loopback listener: 127.0.0.1 on a random port, answering /callback. */
async function startCallbackListener(): Promise<{ redirectUri: string; received: URL[]; close(): Promise<void> }> {
  const received: URL[] = []
  const server: Server = createServer((req, res) => {
    received.push(new URL(req.url ?? '/', 'http://127.0.0.1'))
    res.writeHead(200, { 'content-type': 'text/plain' }).end('You can close this window.')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

async function signInAs(username: string, extraParameters: Record<string, string> = {}) {
  const config = await desktopConfig()
  const listener = await startCallbackListener()
  try {
    const verifier = client.randomPKCECodeVerifier()
    const state = client.randomState()
    const authorizationUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: listener.redirectUri,
      scope: 'openid profile offline_access',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...extraParameters,
    })
    const signIn = await signInThroughLoginPage(authorizationUrl.href, { username, password: PASSWORD })
    const tokens = await client.authorizationCodeGrant(config, signIn.callbackUrl, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    })
    return { config, tokens, signIn, listener }
  } finally {
    await listener.close()
  }
}

describe('sandbox OpenID provider', () => {
  it('publishes a discovery document for its base URL with PKCE S256', async () => {
    const response = await fetch(`${sandbox.url}/.well-known/openid-configuration`)
    expect(response.status).toBe(200)
    const discovery = (await response.json()) as Record<string, unknown>
    expect(discovery.issuer).toBe(sandbox.url)
    expect(discovery.code_challenge_methods_supported).toContain('S256')
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']),
    )
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'offline_access']))
    expect(discovery.revocation_endpoint).toBe(`${sandbox.url}/token/revocation`)
  })

  it('issues client_credentials tokens to sandbox-cli with the configured lifetime', async () => {
    const tokens = await client.clientCredentialsGrant(await cliConfig())
    expect(tokens.access_token).toEqual(expect.any(String))
    expect(tokens.expires_in).toBe(120)
    expect(sandbox.issuedTokenValues()).toContain(tokens.access_token)
  })

  it('runs the authorization code + PKCE flow through a loopback redirect on a random port', async () => {
    const { config, tokens, signIn, listener } = await signInAs('admin')
    expect(signIn.loginPageStatus).toBe(200)
    expect(signIn.loginPageHtml).toContain('<title>Sign in to the Keywarden sandbox</title>')
    expect(signIn.loginPageHtml).toMatch(/<label for="username">Username<\/label>/)
    expect(signIn.loginPageHtml).toMatch(/<label for="password">Password<\/label>/)
    expect(signIn.loginPageHtml).toContain('>Sign in</button>')
    expect(listener.received).toHaveLength(1)
    expect(listener.received[0]?.pathname).toBe('/callback')
    expect(listener.received[0]?.searchParams.get('code')).toEqual(expect.any(String))
    expect(signIn.callbackUrl.port).toBe(new URL(listener.redirectUri).port)

    expect(tokens.refresh_token).toEqual(expect.any(String))
    expect(tokens.claims()).toMatchObject({ iss: sandbox.url, sub: 'admin', aud: DESKTOP })
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, 'admin')
    expect(userinfo.name).toBe('Ada Admin')
    expect(sandbox.issuedTokenValues()).toEqual(expect.arrayContaining([tokens.access_token, tokens.refresh_token]))
    expect((await gateway('/v1/apikeys', { token: tokens.access_token })).status).toBe(200)

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token ?? '')
    expect(refreshed.access_token).not.toBe(tokens.access_token)
    expect(refreshed.refresh_token).toEqual(expect.any(String))
    expect((await gateway('/v1/apikeys', { token: refreshed.access_token })).status).toBe(200)

    // Sign-out: revoking the refresh token ends the grant, its access tokens included.
    await client.tokenRevocation(config, refreshed.refresh_token ?? '')
    await expect(client.refreshTokenGrant(config, refreshed.refresh_token ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    })
    expect((await gateway('/v1/apikeys', { token: refreshed.access_token })).status).toBe(401)
  })

  it('keeps offline_access in the granted scope when the app sends prompt=consent', async () => {
    const { tokens } = await signInAs('support', { prompt: 'consent' })
    expect(tokens.scope?.split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'offline_access']))
    expect(tokens.refresh_token).toEqual(expect.any(String))
  })

  it('rejects a redirect URI that is not the registered loopback callback', async () => {
    const config = await desktopConfig()
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: 'http://127.0.0.1:9/elsewhere',
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    })
    const response = await fetch(url, { redirect: 'manual' })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('redirect_uri')
  })

  it('shows "Invalid username or password." on a wrong password and lets the user retry', async () => {
    const config = await desktopConfig()
    const authorizationUrl = () =>
      client.buildAuthorizationUrl(config, {
        redirect_uri: 'http://127.0.0.1:9/callback',
        scope: 'openid',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }).href

    const failure = await signInThroughLoginPage(authorizationUrl(), { username: 'admin', password: 'wrong' }).catch(
      (e: unknown) => e,
    )
    expect(failure).toBeInstanceOf(LoginRejectedError)
    expect((failure as LoginRejectedError).status).toBe(401)
    expect((failure as LoginRejectedError).message).toContain('Invalid username or password.')
    expect((failure as LoginRejectedError).html).toContain('Invalid username or password.')
    expect((failure as LoginRejectedError).html).toContain('value="admin"')

    const unknownUser = signInThroughLoginPage(authorizationUrl(), { username: '<script>', password: PASSWORD })
    await expect(unknownUser).rejects.toThrow('Invalid username or password.')
    const html = ((await unknownUser.catch((e: unknown) => e)) as LoginRejectedError).html
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;')

    const listener = await startCallbackListener()
    try {
      const retried = await signInThroughLoginPage(
        client.buildAuthorizationUrl(config, {
          redirect_uri: listener.redirectUri,
          scope: 'openid',
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
        }).href,
        [
          { username: 'support', password: 'nope' },
          { username: 'support', password: PASSWORD },
        ],
      )
      expect(retried.rejectedAttempts).toBe(1)
      expect(retried.callbackUrl.searchParams.get('code')).toEqual(expect.any(String))
      expect(listener.received).toHaveLength(1)
    } finally {
      await listener.close()
    }
  })
})

describe('sandbox gateway', () => {
  let adminToken: string
  beforeAll(async () => {
    adminToken = await cliToken()
  })

  it('lists the seeded keys newest first, without key values', async () => {
    const response = await gateway('/v1/apikeys?page=0&size=50', { token: adminToken })
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      _embedded: { apikeys: Array<Record<string, unknown>> }
      page: Record<string, number>
      _links: Record<string, { href: string }>
    }
    const keys = body._embedded.apikeys
    expect(keys.length).toBeGreaterThanOrEqual(8)
    expect(keys.map((k) => k.name)).toEqual(expect.arrayContaining(['checkout-service', 'nightly-reports']))
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(
        ['_links', 'createdAt', 'expiresAt', 'id', 'lastUsedAt', 'maskedApiKey', 'name', 'scopes', 'status'].sort(),
      )
      expect(key.id).toMatch(/^apk_[A-Za-z0-9]{16}$/)
      expect(key.maskedApiKey).toMatch(/^apk_[A-Za-z0-9]{3}\*\*\*[A-Za-z0-9]{3}$/)
      expect(key._links).toEqual({ self: { href: `/v1/apikeys/${String(key.id)}`, method: 'GET' } })
    }
    const createdAt = keys.map((k) => Date.parse(String(k.createdAt)))
    expect(createdAt).toEqual([...createdAt].sort((a, b) => b - a))
    const expired = keys.filter((k) => typeof k.expiresAt === 'string' && Date.parse(k.expiresAt) < Date.now())
    expect(expired.length).toBeGreaterThanOrEqual(2)
    expect(keys.some((k) => k.status === 'Disabled')).toBe(true)
    expect(keys.some((k) => k.lastUsedAt === null)).toBe(true)
    expect(body.page).toEqual({ size: 50, number: 0, totalElements: keys.length, totalPages: 1 })
    expect(body._links).toEqual({ self: { href: '/v1/apikeys?page=0&size=50' } })
  })

  it('pages with next and prev links and rejects bad paging', async () => {
    const response = await gateway('/v1/apikeys?page=1&size=3', { token: adminToken })
    const body = (await response.json()) as {
      _embedded: { apikeys: unknown[] }
      page: Record<string, number>
      _links: Record<string, unknown>
    }
    expect(body._embedded.apikeys).toHaveLength(3)
    expect(body.page).toMatchObject({ size: 3, number: 1 })
    expect(body._links).toMatchObject({
      next: { href: '/v1/apikeys?page=2&size=3' },
      prev: { href: '/v1/apikeys?page=0&size=3' },
    })

    for (const [query, field] of [
      ['size=0', 'size'],
      ['size=201', 'size'],
      ['page=-1', 'page'],
      ['page=x', 'page'],
    ] as const) {
      const bad = await gateway(`/v1/apikeys?${query}`, { token: adminToken })
      expect(bad.status).toBe(400)
      expect(await bad.json()).toMatchObject({ error: { code: 'invalid_request', details: { field } } })
    }
  })

  it('answers 401 without a token or with a bogus one', async () => {
    const missing = await gateway('/v1/apikeys')
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer /)
    expect(await missing.json()).toMatchObject({ error: { code: 'unauthorized' } })

    const bogus = await gateway('/v1/apikeys', { token: 'not-a-real-token' })
    expect(bogus.status).toBe(401)
    expect(bogus.headers.get('www-authenticate')).toContain('error="invalid_token"')
    expect(await bogus.json()).toMatchObject({ error: { code: 'unauthorized', message: expect.any(String) } })
  })

  it('creates a key and answers with exactly the documented fields', async () => {
    const response = await createKey(adminToken, {
      name: '  my-integration-key ',
      scopes: 'sale:read sale:write transaction:read',
    })
    expect(response.status).toBe(201)
    const created = (await response.json()) as Record<string, unknown>
    expect(Object.keys(created).sort()).toEqual(
      ['_links', 'createdAt', 'id', 'key', 'maskedApiKey', 'name', 'scopes', 'status'].sort(),
    )
    expect(created).toMatchObject({
      name: 'my-integration-key',
      status: 'Active',
      scopes: 'sale:read sale:write transaction:read',
    })
    expect(created.id).toMatch(/^apk_[A-Za-z0-9]{16}$/)
    expect(created.key).toMatch(/^apk_[A-Za-z0-9]{40}$/)
    const random = String(created.key).slice(4)
    expect(created.maskedApiKey).toBe(`apk_${random.slice(0, 3)}***${random.slice(-3)}`)
    expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(created._links).toEqual({ self: { href: `/v1/apikeys/${String(created.id)}`, method: 'GET' } })

    const single = await gateway(`/v1/apikeys/${String(created.id)}`, { token: adminToken })
    expect(single.status).toBe(200)
    const listed = await (await gateway('/v1/apikeys', { token: adminToken })).text()
    expect(listed).toContain(String(created.id))
    expect(listed).not.toContain(String(created.key))
    expect(logLines.join('\n')).not.toContain(String(created.key))
  })

  it('rejects bad names, unknown scopes, non-JSON and oversized bodies', async () => {
    for (const name of ['', '   ', 'x'.repeat(101), 42]) {
      const response = await createKey(adminToken, { name, scopes: 'sale:read' })
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_request', details: { field: 'name' } } })
    }
    for (const scopes of ['', 'sale:read bogus:write', 'sale:delete', 'apikey:decrypt']) {
      const response = await createKey(adminToken, { name: 'k', scopes })
      expect(response.status).toBe(400)
      const body = (await response.json()) as { error: { message: string; details: { field: string } } }
      expect(body.error.details.field).toBe('scopes')
      if (scopes) expect(body.error.message).toContain(scopes.split(' ').at(-1))
    }
    expect((await createKey(adminToken, '{"name": ')).status).toBe(400)
    expect((await createKey(adminToken, '["a"]')).status).toBe(400)
    const tooBig = await createKey(adminToken, { name: 'big', scopes: 'sale:read', padding: 'x'.repeat(70 * 1024) })
    expect(tooBig.status).toBe(413)
    expect(await tooBig.json()).toMatchObject({ error: { code: 'payload_too_large' } })
  })

  it('only lets a caller grant scopes it holds: support (read scopes only) cannot grant sale:write', async () => {
    const { tokens } = await signInAs('support')
    const list = await gateway('/v1/apikeys', { token: tokens.access_token })
    expect(list.status).toBe(200)

    const response = await createKey(tokens.access_token, { name: 'support-key', scopes: 'sale:read sale:write' })
    expect(response.status).toBe(403)
    const body = (await response.json()) as {
      error: { code: string; message: string; details: { missingScopes: string[] } }
    }
    expect(body.error.code).toBe('forbidden')
    expect(body.error.message).toContain('sale:write')
    expect(body.error.details.missingScopes).toEqual(['sale:write'])

    expect((await createKey(tokens.access_token, { name: 'support-key', scopes: 'sale:read' })).status).toBe(201)
  })

  it('never writes tokens into its request log', () => {
    const log = logLines.join('\n')
    expect(logLines.length).toBeGreaterThan(10)
    expect(logLines.every((line) => /^[A-Z]+ \/\S* \d{3} \d+\.\dms$/.test(line))).toBe(true)
    for (const token of sandbox.issuedTokenValues()) expect(log).not.toContain(token)
  })
})

describe('several sandboxes in one process', () => {
  it('keep their state apart', async () => {
    const other = await startSandbox({ port: 0 })
    try {
      expect(other.url).not.toBe(sandbox.url)
      const token = await cliToken()
      const response = await fetch(`${other.url}/gateway/v1/apikeys`, { headers: { authorization: `Bearer ${token}` } })
      expect(response.status).toBe(401)
      expect(other.issuedTokenValues()).not.toContain(token)
    } finally {
      await other.close()
    }
  })

  it('refuse to listen on a non-loopback host', async () => {
    await expect(startSandbox({ port: 0, host: '0.0.0.0' })).rejects.toThrow(/loopback/)
  })
})
