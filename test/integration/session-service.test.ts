import keytar from 'keytar'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { OidcConnector } from '@core/auth/oidc-connector'
import { refreshTokenAccount } from '@core/vault/keychain-vault'
import { startSandbox, type Sandbox } from '@sandbox/server'
import type { SignInResult } from '../support/login-page-client'
import {
  ADMIN,
  CountingConnector,
  DEMO_PASSWORD,
  loginAs,
  sessionHarness,
  signedInSession,
  testClock,
  testKeychain,
  testLastSubjects,
  tokensIn,
  type SessionHarness,
} from '../support/signed-in-session'
import { silentLogger } from '@core/log'
import { probe } from '../support/tcp-probe'

// SessionService + OidcConnector + KeychainVault against the real sandbox (over HTTP) and the real
// keychain. The "browser" is signInThroughLoginPage, driving the sandbox's own login page.

let sandbox: Sandbox
const keychain = testKeychain()

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  await sandbox?.close()
})
afterEach(() => keychain.clear())

const SANDBOX_ACCESS_TOKEN_TTL_MS = 900_000

const storedRefreshToken = (h: SessionHarness) =>
  keytar.getPassword(keychain.service, refreshTokenAccount(h.profile.id))

/** The gateway's answer to a key listing with this access token. */
async function gatewayStatus(accessToken: string): Promise<number> {
  const response = await fetch(`${sandbox.url}/gateway/v1/apikeys`, {
    headers: { authorization: `Bearer ${accessToken}` },
  })
  await response.body?.cancel()
  return response.status
}

/** What a user (or a test) could see leave the session: events and log lines hold no token. */
function expectNoTokenLeaked(h: SessionHarness) {
  const issued = sandbox.issuedTokenValues()
  expect(issued.length).toBeGreaterThan(0)
  expect(tokensIn(JSON.stringify(h.events), issued)).toEqual([])
  expect(tokensIn(h.logLines.join('\n'), issued)).toEqual([])
}

/** A "browser" that skips the login and requests the app's redirect URI itself with these parameters. */
const forgedCallback =
  (params: (authorization: URL) => Record<string, string>) =>
  async (authorizationUrl: string): Promise<{ status: number; html: string }> => {
    const authorization = new URL(authorizationUrl)
    const callback = new URL(authorization.searchParams.get('redirect_uri')!)
    for (const [name, value] of Object.entries(params(authorization))) callback.searchParams.set(name, value)
    const response = await fetch(callback)
    return { status: response.status, html: await response.text() }
  }

describe('sign-in through the system browser', () => {
  it('ends signed in as the sandbox user, with the refresh token in the keychain and nothing else leaving', async () => {
    const h = sessionHarness(sandbox, keychain, { browser: loginAs(ADMIN) })
    expect(await h.session.restored).toMatchObject({ status: 'signed-out' })

    const state = await h.session.signIn()
    expect(state).toEqual({
      status: 'signed-in',
      profile: h.profile,
      user: { subject: 'admin', name: 'Ada Admin' },
    })
    expect(h.session.current()).toEqual(state)

    // The browser was sent to the sandbox with PKCE and a loopback redirect, and saw the success page.
    expect(h.platform.opened).toHaveLength(1)
    const authorization = new URL(h.platform.opened[0]!)
    expect(authorization.origin).toBe(sandbox.url)
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256')
    // RFC 8252 §7.3 loopback redirect, with a random path of this attempt's own.
    expect(authorization.searchParams.get('redirect_uri')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/callback\/[A-Za-z0-9_-]{22}$/,
    )
    const visit = (await h.platform.visits[0]) as SignInResult
    expect(visit.callbackStatus).toBe(200)

    const stored = await storedRefreshToken(h)
    expect(stored).toEqual(expect.any(String))
    expect(sandbox.issuedTokenValues()).toContain(stored)
    expect(await keychain.accounts()).toEqual([refreshTokenAccount(h.profile.id)])

    expect(h.events.map((e) => e.status)).toEqual(['signing-in', 'signed-in'])
    expectNoTokenLeaked(h)
  })

  it('signs in after a wrong password followed by the right one on the same login page', async () => {
    const h = sessionHarness(sandbox, keychain, {
      browser: loginAs([
        { username: 'support', password: 'not-the-password' },
        { username: 'support', password: DEMO_PASSWORD },
      ]),
    })
    const state = await h.session.signIn()
    expect(state).toMatchObject({ status: 'signed-in', user: { subject: 'support', name: 'Sam Support' } })
    expect(((await h.platform.visits[0]) as SignInResult).rejectedAttempts).toBe(1)
    expect(await storedRefreshToken(h)).toEqual(expect.any(String))
  })

  it('joins a second signIn() to the pending one: one browser tab, one result', async () => {
    const h = sessionHarness(sandbox, keychain, { browser: loginAs(ADMIN) })
    const [first, second] = await Promise.all([h.session.signIn(), h.session.signIn()])
    expect(second).toEqual(first)
    expect(h.platform.opened).toHaveLength(1)
  })

  it('refuses a callback with the wrong state (400) and keeps waiting; nothing is stored', async () => {
    const h = sessionHarness(sandbox, keychain, {
      browser: forgedCallback(() => ({ code: 'x', state: 'wrong', iss: sandbox.url })),
    })
    const attempt = h.session.signIn()
    attempt.catch(() => {})
    await h.platform.firstOpened
    const tab = (await h.platform.visits[0]) as { status: number; html: string }
    expect(tab.status).toBe(400)
    expect(tab.html).toContain('not the sign-in response Keywarden is waiting for')
    // The sign-in is still waiting for the real callback.
    expect(h.session.current().status).toBe('signing-in')
    expect(h.logLines.filter((line) => line.startsWith('warn') && line.includes('wrong state'))).toHaveLength(1)
    h.session.cancelSignIn()
    await expect(attempt).rejects.toMatchObject({ code: 'AUTH_CANCELLED' })
    expect(await keychain.accounts()).toEqual([])
  })

  it('reports a refusal by the server (error=access_denied) as AUTH_FAILED naming it', async () => {
    const h = sessionHarness(sandbox, keychain, {
      browser: forgedCallback((authorization) => ({
        error: 'access_denied',
        error_description: 'The user said no.',
        state: authorization.searchParams.get('state')!,
        iss: sandbox.url,
      })),
    })
    const error = await h.session.signIn().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'AUTH_FAILED', message: expect.stringContaining('access_denied') })
    expect(await keychain.accounts()).toEqual([])
    const tab = (await h.platform.visits[0]) as { status: number; html: string }
    expect(tab.html).toContain('access_denied')
  })

  it('cancelSignIn() while the browser is open ends the sign-in with AUTH_CANCELLED and closes the port', async () => {
    const h = sessionHarness(sandbox, keychain, { browser: async () => 'the user never comes back' })
    const attempt = h.session.signIn()
    const opened = new URL(await h.platform.firstOpened)
    const port = Number(new URL(opened.searchParams.get('redirect_uri')!).port)
    expect(h.session.current().status).toBe('signing-in')
    expect(await probe('127.0.0.1', port)).toBe('open')

    h.session.cancelSignIn()
    await expect(attempt).rejects.toMatchObject({ code: 'AUTH_CANCELLED', message: 'Sign-in was cancelled.' })
    expect(await probe('127.0.0.1', port)).toBe('closed')
    expect(h.session.current()).toMatchObject({ status: 'signed-out' })
    expect(h.events.map((e) => e.status)).toEqual(['signing-in', 'signed-out'])
    expect(await keychain.accounts()).toEqual([])
  })

  it('gives up with AUTH_CANCELLED saying it timed out when the browser never comes back', async () => {
    const h = sessionHarness(sandbox, keychain, { browser: async () => undefined, signInTimeoutMs: 300 })
    await expect(h.session.signIn()).rejects.toMatchObject({
      code: 'AUTH_CANCELLED',
      message: expect.stringMatching(/timed out/),
    })
    expect(h.session.current().status).toBe('signed-out')
  })
})

describe('a stored session', () => {
  it('is restored by a new SessionService without the browser, again and again (rotated tokens are kept)', async () => {
    const first = await signedInSession(sandbox, keychain, ADMIN)
    const initial = await storedRefreshToken(first)

    let previous = initial
    for (let run = 0; run < 2; run++) {
      const next = sessionHarness(sandbox, keychain, { profile: first.profile })
      expect(await next.session.restored).toMatchObject({
        status: 'signed-in',
        user: { subject: 'admin', name: 'Ada Admin' },
      })
      expect(next.platform.opened).toEqual([])
      expect(next.connector.refreshes).toBe(1)
      expect(next.events.map((e) => e.status)).toEqual(['signed-in'])
      expect(await gatewayStatus(await next.session.accessToken())).toBe(200)
      const stored = await storedRefreshToken(next)
      expect(sandbox.issuedTokenValues()).toContain(stored)
      expect(stored).not.toBe(previous)
      previous = stored
      expectNoTokenLeaked(next)
    }
  })

  it('that the server no longer accepts is deleted, and the user is signed out with a reason', async () => {
    const h0 = sessionHarness(sandbox, keychain)
    await keytar.setPassword(
      keychain.service,
      refreshTokenAccount(h0.profile.id),
      'a-refresh-token-the-server-never-issued',
    )
    const h = sessionHarness(sandbox, keychain, { profile: h0.profile })
    const state = await h.session.restored
    expect(state).toMatchObject({ status: 'signed-out', lastError: expect.stringMatching(/session has ended/i) })
    expect(await storedRefreshToken(h)).toBeNull()
  })

  it('is kept in the keychain when the sign-in server cannot be reached', async () => {
    const h0 = sessionHarness(sandbox, keychain)
    const profile = {
      ...h0.profile,
      auth: { kind: 'oauth' as const, issuer: 'http://127.0.0.1:1', clientId: 'keywarden-desktop' },
    }
    await keytar.setPassword(keychain.service, refreshTokenAccount(profile.id), 'kept-while-offline')
    const h = sessionHarness(sandbox, keychain, { profile })
    const state = await h.session.restored
    expect(state).toMatchObject({ status: 'signed-out', lastError: expect.stringContaining('http://127.0.0.1:1') })
    expect(await storedRefreshToken(h)).toBe('kept-while-offline')
    expect(h.logLines.join('\n')).not.toContain('kept-while-offline')
  })
})

describe('the account a profile was last signed in as', () => {
  it('is remembered at sign-in; a stored session of another account waits for confirmation before any token is handed out', async () => {
    const lastSubjects = testLastSubjects(silentLogger)
    const admin = await signedInSession(sandbox, keychain, ADMIN, { lastSubjects })
    expect(lastSubjects.last(admin.profile.id)).toEqual({ subject: 'admin', name: 'Ada Admin' })
    await admin.session.signOut()

    // The keychain entry of this profile now holds a session of viewer (e.g. put there by another process).
    const viewer = await signedInSession(sandbox, keychain, { username: 'viewer', password: DEMO_PASSWORD })
    const viewerToken = (await storedRefreshToken(viewer))!
    await keytar.setPassword(keychain.service, refreshTokenAccount(admin.profile.id), viewerToken)

    const h = sessionHarness(sandbox, keychain, { profile: admin.profile, lastSubjects })
    expect(await h.session.restored).toMatchObject({
      status: 'confirm-subject',
      user: { subject: 'viewer' },
      previousUser: { subject: 'admin', name: 'Ada Admin' },
    })
    await expect(h.session.accessToken()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(h.session.current().status).toBe('confirm-subject')
    await expect(h.session.confirmSubject('admin')).rejects.toMatchObject({ code: 'CONFLICT' })

    expect(await h.session.confirmSubject('viewer')).toMatchObject({ status: 'signed-in', user: { subject: 'viewer' } })
    expect(await gatewayStatus(await h.session.accessToken())).toBe(200)
    expect(lastSubjects.last(admin.profile.id)).toMatchObject({ subject: 'viewer' })
    await expect(h.session.confirmSubject('viewer')).rejects.toMatchObject({ code: 'CONFLICT' })
    expectNoTokenLeaked(h)
  })
})

describe('access tokens', () => {
  it('are renewed when they near expiry; five concurrent callers share ONE refresh', async () => {
    const clock = testClock()
    const h = await signedInSession(sandbox, keychain, ADMIN, { now: clock.now })
    const first = await h.session.accessToken()
    expect(h.connector.refreshes).toBe(0)
    expect(await h.session.accessToken()).toBe(first)

    clock.advance(SANDBOX_ACCESS_TOKEN_TTL_MS - 30_000) // inside the renewal margin
    const renewed = await h.session.accessToken()
    expect(renewed).not.toBe(first)
    expect(h.connector.refreshes).toBe(1)
    expect(sandbox.issuedTokenValues()).toContain(renewed)
    expect(await gatewayStatus(renewed)).toBe(200)
    expect(await h.session.accessToken()).toBe(renewed)
    expect(h.connector.refreshes).toBe(1)

    clock.advance(SANDBOX_ACCESS_TOKEN_TTL_MS)
    const five = await Promise.all(Array.from({ length: 5 }, () => h.session.accessToken()))
    expect(new Set(five).size).toBe(1)
    expect(five[0]).not.toBe(renewed)
    expect(h.connector.refreshes).toBe(2)
    expect(await gatewayStatus(five[0]!)).toBe(200)
    // Still signed in, and the latest rotated refresh token is what the keychain holds.
    expect(h.session.current().status).toBe('signed-in')
    const again = sessionHarness(sandbox, keychain, { profile: h.profile })
    expect(await again.session.restored).toMatchObject({ status: 'signed-in' })
    expectNoTokenLeaked(h)
  })

  it('renewAfterRejection renews once for concurrent callers, and not at all when the token was already replaced', async () => {
    const h = await signedInSession(sandbox, keychain)
    const rejected = await h.session.accessToken()

    const renewed = await Promise.all([1, 2, 3].map(() => h.session.renewAfterRejection(rejected)))
    expect(new Set(renewed).size).toBe(1)
    expect(renewed[0]).not.toBe(rejected)
    expect(h.connector.refreshes).toBe(1)
    expect(await gatewayStatus(renewed[0]!)).toBe(200)

    // A late caller reporting the old token gets the current one, without another refresh.
    expect(await h.session.renewAfterRejection(rejected)).toBe(renewed[0])
    expect(h.connector.refreshes).toBe(1)
  })

  it('are refused with UNAUTHENTICATED when not signed in', async () => {
    const h = sessionHarness(sandbox, keychain)
    await h.session.restored
    await expect(h.session.accessToken()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
  })
})

describe('sign-out', () => {
  it('revokes the refresh token on the server and deletes it from the keychain', async () => {
    const h = await signedInSession(sandbox, keychain)
    const refreshToken = (await storedRefreshToken(h))!
    const accessToken = await h.session.accessToken()
    expect(await gatewayStatus(accessToken)).toBe(200)

    const state = await h.session.signOut()
    expect(state).toEqual({ status: 'signed-out', profile: expect.objectContaining({ id: h.profile.id }) })
    expect(h.session.current()).toEqual(state)
    expect(await keychain.accounts()).toEqual([])

    // The old refresh token is dead on the server, and so is the grant's access token.
    await expect(new OidcConnector(sandbox.url, 'keywarden-desktop').refresh(refreshToken)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    })
    expect(await gatewayStatus(accessToken)).toBe(401)
    await expect(h.session.accessToken()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })

    expect(h.events.at(-1)).toMatchObject({ status: 'signed-out' })
    expectNoTokenLeaked(h)
  })

  it('leaves nothing in the keychain when it happens while a renewal is on its way back', async () => {
    // The refresh reaches the server first; sign-out then runs to completion; only then does the
    // renewal's answer arrive. The connector is the real one, held at that point by a subclass.
    let refreshAnswered!: () => void
    const answered = new Promise<void>((resolve) => (refreshAnswered = resolve))
    let releaseAnswer!: () => void
    const held = new Promise<void>((resolve) => (releaseAnswer = resolve))
    class HeldConnector extends CountingConnector {
      override async refresh(refreshToken: string) {
        const tokens = await super.refresh(refreshToken)
        refreshAnswered()
        await held
        return tokens
      }
    }
    const clock = testClock()
    const h = await signedInSession(sandbox, keychain, ADMIN, {
      now: clock.now,
      connector: (issuer, clientId, now) => new HeldConnector(issuer, clientId, now),
    })
    clock.advance(SANDBOX_ACCESS_TOKEN_TTL_MS) // the next accessToken() renews

    const renewal = h.session.accessToken().catch((e: unknown) => e)
    await answered
    expect(await h.session.signOut()).toMatchObject({ status: 'signed-out' })
    expect(await keychain.accounts()).toEqual([])
    releaseAnswer()
    await renewal

    expect(h.session.current().status).toBe('signed-out')
    expect(await keychain.accounts()).toEqual([])
    await expect(h.session.accessToken()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
  })

  it('works offline: the keychain entry is deleted even when the server cannot be reached', async () => {
    const own = await startSandbox({ port: 0 })
    const h = await signedInSession(own, keychain)
    await own.close()
    expect(await h.session.signOut()).toMatchObject({ status: 'signed-out' })
    expect(await keychain.accounts()).toEqual([])
    expect(h.logLines.some((line) => line.startsWith('warn') && /revocation failed/.test(line))).toBe(true)
  })
})

describe('the browser-less helper itself', () => {
  it('rejects wrong credentials with the login page message', async () => {
    // Guards the "browser" used above: a failed login must not look like a silent success.
    const h = sessionHarness(sandbox, keychain, { browser: loginAs({ username: 'admin', password: 'nope' }) })
    const attempt = h.session.signIn()
    await h.platform.firstOpened
    await expect(h.platform.visits[0]).rejects.toThrow('Invalid username or password.')
    h.session.cancelSignIn()
    await expect(attempt).rejects.toMatchObject({ code: 'AUTH_CANCELLED' })
  })
})
