import keytar from 'keytar'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { refreshTokenAccount } from '@core/vault/keychain-vault'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { signInThroughLoginPage, type SignInResult } from '../support/login-page-client'
import {
  ADMIN,
  DEMO_PASSWORD,
  signedInSession,
  testKeychain,
  tokensIn,
  type Browser,
  type SessionHarness,
} from '../support/signed-in-session'

// Sudo mode's re-authentication: SessionService + OidcConnector against the real sandbox over HTTP
// and the real keychain; the "browser" drives the sandbox's own login page.

let sandbox: Sandbox
const keychain = testKeychain()

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  await sandbox?.close()
})
afterEach(() => keychain.clear())

const storedRefreshToken = (h: SessionHarness) =>
  keytar.getPassword(keychain.service, refreshTokenAccount(h.profile.id))

/** Signs in as admin, then points the "browser" at `browser` for what comes next. */
async function adminWithNextBrowser(browser: Browser, signInTimeoutMs?: number): Promise<SessionHarness> {
  const h = await signedInSession(sandbox, keychain, ADMIN, signInTimeoutMs ? { signInTimeoutMs } : {})
  let first = true
  const original = h.platform.openExternal.bind(h.platform)
  h.platform.openExternal = async (url) => {
    if (first) {
      first = false
      h.platform.opened.push(url)
      const visit = browser(url)
      visit.catch(() => {})
      h.platform.visits.push(visit)
      return
    }
    return original(url)
  }
  return h
}

async function gatewayStatus(accessToken: string): Promise<number> {
  const response = await fetch(`${sandbox.url}/gateway/v1/apikeys`, {
    headers: { authorization: `Bearer ${accessToken}` },
  })
  await response.body?.cancel()
  return response.status
}

describe('re-authentication (sudo mode) through the real sandbox', () => {
  it('asks the server for a sign-in made now, shows its login page, and accepts the fresh auth_time', async () => {
    const h = await adminWithNextBrowser((url) => signInThroughLoginPage(url, ADMIN))
    const before = await storedRefreshToken(h)

    const proof = await h.session.reauthenticate({ forceLogin: true })

    const requested = new URL(h.platform.opened.at(-1)!)
    expect(requested.searchParams.get('max_age')).toBe('0')
    expect(requested.searchParams.get('prompt')).toBe('login')
    const visit = (await h.platform.visits.at(-1)) as SignInResult
    expect(visit.loginPageStatus).toBe(200)
    expect(proof.subject).toBe('admin')
    expect(Math.abs(proof.authTime - Math.floor(Date.now() / 1000))).toBeLessThan(120)
    expect(h.session.current()).toMatchObject({ status: 'signed-in', user: { subject: 'admin' } })
    // The new tokens replaced the old ones, and they work.
    const after = await storedRefreshToken(h)
    expect(after).toBeTruthy()
    expect(after).not.toBe(before)
    expect(await gatewayStatus(await h.session.accessToken())).toBe(200)
    // The session goes on: the stored refresh token still renews it.
    const renewed = await h.session.renewAfterRejection(await h.session.accessToken())
    expect(await gatewayStatus(renewed)).toBe(200)
    expect(h.session.current()).toMatchObject({ status: 'signed-in' })
    expect(tokensIn(h.logLines.join('\n') + JSON.stringify(h.events), sandbox.issuedTokenValues())).toEqual([])
  })

  it('without prompt=login it still sends max_age=0', async () => {
    const h = await adminWithNextBrowser((url) => signInThroughLoginPage(url, ADMIN))
    await h.session.reauthenticate({ forceLogin: false })
    const requested = new URL(h.platform.opened.at(-1)!)
    expect(requested.searchParams.get('max_age')).toBe('0')
    expect(requested.searchParams.has('prompt')).toBe(false)
  })

  it('a wrong password grants nothing; cancelling leaves the session exactly as it was', async () => {
    const h = await adminWithNextBrowser((url) =>
      signInThroughLoginPage(url, { username: 'admin', password: 'not-the-password' }),
    )
    const before = await storedRefreshToken(h)
    const attempt = h.session.reauthenticate({ forceLogin: true })
    attempt.catch(() => {})
    await expect(waitForVisit(h)).rejects.toThrow('Invalid username or password.')
    h.session.cancelSignIn()
    await expect(attempt).rejects.toMatchObject({ code: 'AUTH_CANCELLED' })
    expect(h.session.current()).toMatchObject({ status: 'signed-in', user: { subject: 'admin' } })
    expect(await storedRefreshToken(h)).toBe(before)
  })

  it('a re-authentication that times out is cancelled cleanly', async () => {
    const h = await adminWithNextBrowser(() => new Promise(() => {}), 1_000)
    const before = await storedRefreshToken(h)
    await expect(h.session.reauthenticate({ forceLogin: true })).rejects.toMatchObject({ code: 'AUTH_CANCELLED' })
    expect(h.session.current()).toMatchObject({ status: 'signed-in' })
    expect(await storedRefreshToken(h)).toBe(before)
  })

  it('signing in as another account is refused; the session and its tokens stay', async () => {
    const h = await adminWithNextBrowser((url) =>
      signInThroughLoginPage(url, { username: 'support', password: DEMO_PASSWORD }),
    )
    const before = await storedRefreshToken(h)
    await expect(h.session.reauthenticate({ forceLogin: true })).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringContaining('another account (support)'),
    })
    expect(h.session.current()).toMatchObject({ status: 'signed-in', user: { subject: 'admin' } })
    expect(await storedRefreshToken(h)).toBe(before)
  })

  it('a server that ignores max_age (no auth_time in the ID token) is refused, naming what it did', async () => {
    // Plays an authorization server that drops max_age: the request reaches the sandbox without it.
    const h = await adminWithNextBrowser((url) => {
      const stripped = new URL(url)
      stripped.searchParams.delete('max_age')
      stripped.searchParams.delete('prompt')
      return signInThroughLoginPage(stripped.href, ADMIN)
    })
    const before = await storedRefreshToken(h)
    await expect(h.session.reauthenticate({ forceLogin: true })).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringContaining('has no auth_time'),
    })
    expect(h.session.current()).toMatchObject({ status: 'signed-in', user: { subject: 'admin' } })
    expect(await storedRefreshToken(h)).toBe(before)
  })
})

async function waitForVisit(h: SessionHarness): Promise<unknown> {
  for (let i = 0; i < 500 && h.platform.visits.length < 2; i++) await new Promise((r) => setTimeout(r, 10))
  return h.platform.visits.at(-1)
}
