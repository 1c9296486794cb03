import { request } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { OidcConnector } from '@core/auth/oidc-connector'
import { refreshTokenAccount } from '@core/vault/keychain-vault'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { connectionServices } from '../support/connection-services'
import { signInThroughLoginPage, type Credentials, type SignInResult } from '../support/login-page-client'
import { ADMIN, DEMO_PASSWORD, sessionHarness, testKeychain } from '../support/signed-in-session'

// The audit's attacks on the OAuth loopback listener, played as a second local process would: a raw
// HTTP client on 127.0.0.1 that knows the listener's port (any local process can find it), sends
// bogus callbacks, or completes the app's authorization URL itself with another account.

let sandbox: Sandbox
const keychain = testKeychain()

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  await sandbox?.close()
})
afterEach(() => keychain.clear())

const VIEWER: Credentials = { username: 'viewer', password: DEMO_PASSWORD }

/** A GET from another local process, with the Host header it chooses (fetch cannot set one). */
function rawGet(url: URL, host = url.host): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: 'GET', headers: { host } },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('bogus callbacks from another local process during a real sign-in', () => {
  it('are each refused (400/404) and the real browser callback afterwards still signs the user in', async () => {
    const answers: Array<{ what: string; status: number; body: string }> = []
    const h = sessionHarness(sandbox, keychain, {
      browser: async (authorizationUrl) => {
        const authorization = new URL(authorizationUrl)
        const redirect = new URL(authorization.searchParams.get('redirect_uri')!)
        const state = authorization.searchParams.get('state')!
        const at = (path: string, params: Record<string, string>) => {
          const url = new URL(path, redirect)
          for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
          return url
        }
        // The attacker knows the port; the audit's first move: an error callback with a made-up state.
        const attacks: Array<[string, URL, string?]> = [
          ['error, wrong state', at(redirect.pathname, { error: 'access_denied', state: 'wrong' })],
          ['error, no state', at(redirect.pathname, { error: 'access_denied' })],
          ['code, no state', at(redirect.pathname, { code: 'forged-code' })],
          // Even knowing the real state, the fixed /callback path (without this attempt's random part) is refused.
          ['plain /callback, real state', at('/callback', { error: 'access_denied', state })],
          // A page rebinding its own name to 127.0.0.1 sends its own Host.
          ['foreign Host', at(redirect.pathname, { error: 'access_denied', state }), `evil.example:${redirect.port}`],
          ['no port in Host', at(redirect.pathname, { error: 'access_denied', state }), '127.0.0.1'],
          ['localhost Host', at(redirect.pathname, { error: 'access_denied', state }), `localhost:${redirect.port}`],
        ]
        for (const [what, url, host] of attacks) answers.push({ what, ...(await rawGet(url, host)) })
        // Then the user really signs in, in the browser.
        return signInThroughLoginPage(authorizationUrl, ADMIN)
      },
    })

    const state = await h.session.signIn()
    expect(state).toMatchObject({ status: 'signed-in', user: { subject: 'admin' } })
    expect(((await h.platform.visits[0]) as SignInResult).callbackStatus).toBe(200)
    expect(await keychain.accounts()).toEqual([refreshTokenAccount(h.profile.id)])

    expect(answers.map((a) => [a.what, a.status])).toEqual([
      ['error, wrong state', 400],
      ['error, no state', 400],
      ['code, no state', 400],
      ['plain /callback, real state', 404],
      ['foreign Host', 400],
      ['no port in Host', 400],
      ['localhost Host', 400],
    ])
    for (const answer of answers) expect(answer.body.length).toBeLessThan(2_000)
    // Each one is logged as a warning, and no log line carries a code, the state or the random path.
    const warnings = h.logLines.filter((line) => line.startsWith('warn') && line.includes('loopback'))
    expect(warnings).toHaveLength(answers.length)
    const redirectUri = new URL(new URL(h.platform.opened[0]!).searchParams.get('redirect_uri')!)
    const realState = new URL(h.platform.opened[0]!).searchParams.get('state')!
    const secretPart = redirectUri.pathname.split('/').at(-1)!
    for (const line of h.logLines) {
      expect(line).not.toContain(realState)
      expect(line).not.toContain(secretPart)
      expect(line).not.toContain('forged-code')
    }
  })

  it('a refusal by the server that carries the right state still ends the sign-in with its reason', async () => {
    const h = sessionHarness(sandbox, keychain, {
      browser: async (authorizationUrl) => {
        const authorization = new URL(authorizationUrl)
        const callback = new URL(authorization.searchParams.get('redirect_uri')!)
        callback.searchParams.set('error', 'access_denied')
        callback.searchParams.set('state', authorization.searchParams.get('state')!)
        callback.searchParams.set('iss', sandbox.url)
        return rawGet(callback)
      },
    })
    await expect(h.session.signIn()).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringContaining('access_denied'),
    })
    expect(((await h.platform.visits[0]) as { status: number }).status).toBe(400)
  })
})

describe('another local process completes the authorization URL as a different user', () => {
  function manager() {
    let user: Credentials = ADMIN
    // Whoever answers the authorization URL: the user's browser, or a process racing it.
    const { connections, keys, sessions } = connectionServices(sandbox.url, keychain, (url) =>
      signInThroughLoginPage(url, user),
    )
    return { connections, keys, sessions, answerAs: (next: Credentials) => (user = next) }
  }

  it('puts the session in "confirm-subject": no keys until the user confirms, nothing kept in the keychain', async () => {
    const { connections, keys, sessions, answerAs } = manager()
    await connections.ready
    expect(await connections.active().session.signIn()).toMatchObject({
      status: 'signed-in',
      user: { subject: 'admin' },
    })
    expect((await keys.list()).keys.length).toBeGreaterThan(0)
    await connections.active().session.signOut()

    answerAs(VIEWER)
    const state = await connections.active().session.signIn()
    expect(state).toMatchObject({
      status: 'confirm-subject',
      user: { subject: 'viewer', name: 'Vic Viewer' },
      previousUser: { subject: 'admin', name: 'Ada Admin' },
    })
    expect(sessions.at(-1)).toMatchObject({ status: 'confirm-subject' })
    expect(await connections.session()).toMatchObject({ status: 'confirm-subject' })
    // No key call is answered with keys, and the unconfirmed refresh token is not kept.
    await expect(keys.list()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    await expect(connections.listAccounts()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    await expect(connections.active().session.accessToken()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(await keychain.accounts()).toEqual([])

    // Confirming another subject than the one waiting is refused; the right one lets keys through.
    await expect(connections.confirmSubject('admin')).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await connections.confirmSubject('viewer')).toMatchObject({
      status: 'signed-in',
      user: { subject: 'viewer' },
    })
    expect((await keys.list()).keys.length).toBeGreaterThan(0)
    expect(await keychain.accounts()).toEqual([expect.stringMatching(/refresh-token$/)])

    // viewer is now the profile's last subject: signing in as viewer again asks nothing.
    await connections.active().session.signOut()
    expect(await connections.active().session.signIn()).toMatchObject({
      status: 'signed-in',
      user: { subject: 'viewer' },
    })
  })

  it('"Sign out" instead of confirming revokes the unconfirmed token and keeps admin as the last subject', async () => {
    const { connections, keys, answerAs } = manager()
    await connections.ready
    await connections.active().session.signIn()
    await connections.active().session.signOut()

    answerAs(VIEWER)
    const before = new Set(sandbox.issuedTokenValues())
    expect(await connections.active().session.signIn()).toMatchObject({ status: 'confirm-subject' })
    const issued = sandbox.issuedTokenValues().filter((token) => !before.has(token))
    expect(issued.length).toBeGreaterThan(0)

    expect(await connections.active().session.signOut()).toMatchObject({ status: 'signed-out' })
    await expect(keys.list()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(await keychain.accounts()).toEqual([])
    // The viewer's refresh token from that sign-in is dead on the server.
    const connector = new OidcConnector(sandbox.url, 'keywarden-desktop')
    const refreshOutcomes = await Promise.all(
      issued.map((token) =>
        connector.refresh(token).then(
          () => 'alive',
          (e: { code?: string }) => e.code,
        ),
      ),
    )
    expect(refreshOutcomes).not.toContain('alive')

    // The next viewer sign-in still asks, since admin stays the profile's last subject.
    expect(await connections.active().session.signIn()).toMatchObject({
      status: 'confirm-subject',
      previousUser: { subject: 'admin' },
    })
  })
})

describe("the sandbox's registration of the desktop client", () => {
  /** Whether the sandbox's authorization endpoint takes this redirect URI (it then sends the browser to its login page). */
  async function accepts(redirectUri: string): Promise<boolean> {
    const url = new URL('/auth', sandbox.url)
    url.search = new URLSearchParams({
      client_id: 'keywarden-desktop',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: redirectUri,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGjSwQ4iQ0',
      code_challenge_method: 'S256',
      state: 's',
    }).toString()
    const response = await fetch(url, { redirect: 'manual' })
    await response.body?.cancel()
    return (
      response.status >= 300 &&
      response.status < 400 &&
      (response.headers.get('location') ?? '').startsWith('/interaction/')
    )
  }

  it('accepts one random path segment below /callback on the loopback address, and nothing looser', async () => {
    expect(await accepts('http://127.0.0.1:41234/callback')).toBe(true)
    expect(await accepts('http://127.0.0.1:41234/callback/Xy_9-abcdefghijklmnopq')).toBe(true)
    expect(await accepts('http://127.0.0.1:41234/other/Xy_9')).toBe(false)
    expect(await accepts('http://127.0.0.1:41234/callback/a/b')).toBe(false)
    expect(await accepts('http://127.0.0.1:41234/callback/a?x=1')).toBe(false)
    expect(await accepts('http://127.0.0.1:41234/callback/a.b')).toBe(false)
    expect(await accepts('http://evil.example:41234/callback/abc')).toBe(false)
    expect(await accepts('https://127.0.0.1:41234/callback/abc')).toBe(false)
  })
})
