// Hole 9 of issue 9, played as the audit played it: a second local process (raw node:http / net
// clients) against a real sandbox over real HTTP. Each of these succeeded on the tree before the fix.
import { createHash, scryptSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as client from 'openid-client'
import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox, type SandboxOptions } from '@sandbox/server'
import { LoginRejectedError, signInThroughLoginPage, type Credentials } from '../support/login-page-client'
import { floodChunkedBody, rawRequest, stallBody, type RawResponse } from '../support/raw-http'
import { sandboxAccessToken } from '../support/sandbox-access-token'

const PASSWORD = 'keywarden'
const OLD_FIXED_SECRET = 'sandbox-cli-secret'
const running: Sandbox[] = []
const dirs: string[] = []

async function start(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ port: 0, ...options })
  running.push(sandbox)
  return sandbox
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keywarden-attack-'))
  dirs.push(dir)
  return dir
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A clock the test moves: the throttle window passes without sleeping. */
function testClock(): { clock: () => Date; advanceSeconds(seconds: number): void } {
  let offsetMs = 0
  return {
    clock: () => new Date(Date.now() + offsetMs),
    advanceSeconds: (seconds) => void (offsetMs += seconds * 1000),
  }
}

const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`
const port = (sandbox: Sandbox): string => new URL(sandbox.url).port
const json = (response: RawResponse): { error?: { code: string; message: string }; [key: string]: unknown } =>
  JSON.parse(response.body)

function tokenRequest(sandbox: Sandbox, secret: string, host = `127.0.0.1:${port(sandbox)}`): Promise<RawResponse> {
  return rawRequest(`${sandbox.url}/token`, {
    method: 'POST',
    headers: { host, authorization: basic('sandbox-cli', secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  })
}

function pulseLogin(sandbox: Sandbox, body: Record<string, string>): Promise<RawResponse> {
  return rawRequest(`${sandbox.url}/pulse/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

/** A fresh authorization URL of the desktop app, redirecting to a real loopback listener. */
async function withAuthorizationUrl<T>(sandbox: Sandbox, run: (url: string) => Promise<T>): Promise<T> {
  const config = await client.discovery(new URL(sandbox.url), 'keywarden-desktop', undefined, client.None(), {
    execute: [client.allowInsecureRequests],
  })
  const listener = createServer((_req, res) => res.writeHead(200).end('ok'))
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
  try {
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `http://127.0.0.1:${(listener.address() as AddressInfo).port}/callback`,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    })
    return await run(url.href)
  } finally {
    listener.closeAllConnections()
    await new Promise<void>((resolve) => listener.close(() => resolve()))
  }
}

describe('a foreign Host header (DNS rebinding)', () => {
  it('is refused with 421 on /token, on a dialect route and on the login page, before any route runs', async () => {
    const sandbox = await start()
    const evil = `evil.example:${port(sandbox)}`
    const token = await tokenRequest(sandbox, sandbox.cliClientSecret, evil)
    expect(token.status).toBe(421)
    expect(json(token).error?.message).toContain('Host')
    expect(token.body).not.toContain('access_token')

    const admin = await sandboxAccessToken(sandbox.url, 'admin')
    const keys = await rawRequest(`${sandbox.url}/gateway/v1/apikeys`, {
      headers: { host: evil, authorization: `Bearer ${admin}` },
    })
    expect(keys.status).toBe(421)
    expect(keys.body).not.toContain('apk_')

    const loginPage = await rawRequest(`${sandbox.url}/interaction/abc123`, { headers: { host: evil } })
    expect(loginPage.status).toBe(421)
    const discovery = await rawRequest(`${sandbox.url}/.well-known/openid-configuration`, {
      headers: { host: 'evil.example' },
    })
    expect(discovery.status).toBe(421)
    // Another port on loopback is another origin too.
    const otherPort = await rawRequest(`${sandbox.url}/gateway/v1/apikeys`, {
      headers: { host: '127.0.0.1:1', authorization: `Bearer ${admin}` },
    })
    expect(otherPort.status).toBe(421)
  })

  it('still serves the loopback names of its own port', async () => {
    const sandbox = await start()
    const admin = await sandboxAccessToken(sandbox.url, 'admin')
    for (const host of [`127.0.0.1:${port(sandbox)}`, `localhost:${port(sandbox)}`, `[::1]:${port(sandbox)}`]) {
      const response = await rawRequest(`${sandbox.url}/gateway/v1/apikeys`, {
        headers: { host, authorization: `Bearer ${admin}` },
      })
      expect(response.status, host).toBe(200)
    }
  })
})

describe('the CLI client secret', () => {
  it('is no longer the fixed sandbox-cli-secret; the per-folder one is 0600, works and survives a restart', async () => {
    const dataDir = tempDir()
    const first = await start({ dataDir })
    expect((await tokenRequest(first, OLD_FIXED_SECRET)).status).toBe(401)
    const secret = first.cliClientSecret
    expect(secret).not.toBe(OLD_FIXED_SECRET)
    expect(secret.length).toBeGreaterThanOrEqual(32)
    const granted = await tokenRequest(first, secret)
    expect(granted.status).toBe(200)
    expect(json(granted).access_token).toEqual(expect.any(String))
    const file = join(dataDir, 'cli-client.secret')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8').trim()).toBe(secret)
    await first.close()

    const second = await start({ dataDir })
    expect(second.cliClientSecret).toBe(secret)
    expect((await tokenRequest(second, secret)).status).toBe(200)

    const elsewhere = await start({ dataDir: tempDir() })
    expect(elsewhere.cliClientSecret).not.toBe(secret)
    expect((await tokenRequest(elsewhere, secret)).status).toBe(401)
  })
})

describe('password guessing', () => {
  const throttle = { windowSeconds: 300, maxFailuresPerAccount: 5, maxFailuresPerAddress: 12 }

  it('on the login page: 20 wrong passwords, then the right one gets 429 with Retry-After until the window passes', async () => {
    const time = testClock()
    const sandbox = await start({ clock: time.clock, throttle })
    const guesses: Credentials[] = Array.from({ length: 20 }, (_, i) => ({ username: 'admin', password: `guess-${i}` }))
    const failure = await withAuthorizationUrl(sandbox, (url) =>
      signInThroughLoginPage(url, [...guesses, { username: 'admin', password: PASSWORD }]),
    ).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(LoginRejectedError)
    const rejected = failure as LoginRejectedError
    expect(rejected.status).toBe(429)
    expect(rejected.retryAfterSeconds).toBeGreaterThan(0)
    expect(rejected.retryAfterSeconds).toBeLessThanOrEqual(throttle.windowSeconds)
    expect(rejected.message).toContain('Too many failed sign-in attempts')

    const stillBlocked = await withAuthorizationUrl(sandbox, (url) =>
      signInThroughLoginPage(url, { username: 'admin', password: PASSWORD }),
    ).catch((e: unknown) => e)
    expect((stillBlocked as LoginRejectedError).status).toBe(429)

    time.advanceSeconds(throttle.windowSeconds + 1)
    const signedIn = await withAuthorizationUrl(sandbox, (url) =>
      signInThroughLoginPage(url, { username: 'admin', password: PASSWORD }),
    )
    expect(signedIn.callbackUrl.searchParams.get('code')).toEqual(expect.any(String))
  })

  it('on pulse /auth/login: wrong passwords for one account, then 429 for the right one, and after the window 200', async () => {
    const time = testClock()
    const sandbox = await start({ clock: time.clock, throttle })
    for (let i = 0; i < 20; i++) {
      const response = await pulseLogin(sandbox, { username: 'support', password: `guess-${i}` })
      expect([401, 429]).toContain(response.status)
    }
    const right = await pulseLogin(sandbox, { username: 'support', password: PASSWORD })
    expect(right.status).toBe(429)
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0)
    expect(json(right).error?.message).toContain('Too many failed')
    expect(right.body).not.toContain('pst_')

    time.advanceSeconds(throttle.windowSeconds + 1)
    expect((await pulseLogin(sandbox, { username: 'support', password: PASSWORD })).status).toBe(200)
  })

  it('per address: one wrong password for each of many usernames locks that address out, even for an untouched account', async () => {
    const sandbox = await start({ throttle })
    for (let i = 0; i < 30; i++) await pulseLogin(sandbox, { username: `user-${i}`, password: 'guess' })
    const admin = await pulseLogin(sandbox, { username: 'admin', password: PASSWORD })
    expect(admin.status).toBe(429)
    expect(Number(admin.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('guessing a pulse API secret: wrong secrets, then the right one gets 429', async () => {
    const sandbox = await start({ throttle })
    const created = await rawRequest(`${sandbox.url}/pulse/apikeys`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await sandboxAccessToken(sandbox.url, 'admin')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'guessed', permissions: ['readMerchants'] }),
    })
    const { apiKey, apiSecret } = json(created) as unknown as { apiKey: string; apiSecret: string }
    for (let i = 0; i < 20; i++)
      await pulseLogin(sandbox, { apiKey, apiSecret: `${apiSecret.slice(0, -4)}${String(i).padStart(4, 'x')}` })
    const right = await pulseLogin(sandbox, { apiKey, apiSecret })
    expect(right.status).toBe(429)
    expect(right.headers['retry-after']).toEqual(expect.any(String))
  })

  it('never throttles successful sign-ins', async () => {
    const sandbox = await start({ throttle })
    for (let i = 0; i < 30; i++)
      expect((await pulseLogin(sandbox, { username: 'viewer', password: PASSWORD })).status).toBe(200)
  })
})

describe('stored passwords', () => {
  it('are scrypt with a per-user salt: the SQLite file holds no SHA-256 of the password', async () => {
    const dataDir = tempDir()
    const sandbox = await start({ dataDir })
    await sandbox.close()
    const file = join(dataDir, 'sandbox.sqlite')
    const sha256 = createHash('sha256').update(PASSWORD).digest()
    const db = new Database(file, { readonly: true })
    let rows: Array<{ username: string; password_hash: string }>
    try {
      rows = db.prepare('SELECT username, password_hash FROM user_credentials ORDER BY username').all() as typeof rows
    } finally {
      db.close()
    }
    expect(rows.map((row) => row.username)).toEqual(['admin', 'support', 'viewer'])
    const salts = new Set<string>()
    for (const { password_hash: stored } of rows) {
      const [scheme, n, r, p, salt, hash] = stored.split('$')
      expect(scheme).toBe('scrypt')
      salts.add(salt ?? '')
      const derived = scryptSync(
        PASSWORD,
        Buffer.from(salt ?? '', 'base64'),
        Buffer.from(hash ?? '', 'base64').length,
        {
          N: Number(n),
          r: Number(r),
          p: Number(p),
          maxmem: 256 * 1024 * 1024,
        },
      )
      expect(derived.toString('base64')).toBe(hash)
      expect(stored).not.toContain(sha256.toString('hex'))
      expect(stored).not.toContain(sha256.toString('base64'))
    }
    expect(salts.size).toBe(3)
    const bytes = Buffer.concat(
      ['', '-wal'].flatMap((suffix) => {
        try {
          return [readFileSync(`${file}${suffix}`)]
        } catch {
          return []
        }
      }),
    )
    for (const needle of [sha256, Buffer.from(sha256.toString('hex')), Buffer.from(sha256.toString('base64'))])
      expect(bytes.includes(needle)).toBe(false)
  })
})

describe('request bodies', () => {
  const flood = 32 * 1024 * 1024

  it('a chunked body far over the limit is cut off early on a dialect route, the login form and /token', async () => {
    const sandbox = await start()
    const admin = await sandboxAccessToken(sandbox.url, 'admin')
    const host = `127.0.0.1:${port(sandbox)}`
    const heads = [
      `POST /gateway/v1/apikeys HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${admin}\r\nContent-Type: application/json`,
      `POST /gateway/v1/apikeys HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json`,
      `POST /interaction/abc123/login HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded`,
      `POST /token HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nAuthorization: ${basic('sandbox-cli', sandbox.cliClientSecret)}`,
    ]
    for (const head of heads) {
      const result = await floodChunkedBody(sandbox.url, head, flood)
      const label = head.split('\r\n')[0]
      expect(result.closedByServer, label).toBe(true)
      // Kernel buffers on both ends take a few MB; reading to the end would take all 32 MB.
      expect(result.bytesAccepted, label).toBeLessThan(flood / 4)
    }
  })

  it('a declared body that is far too large is refused with 413 before it is read', async () => {
    const sandbox = await start()
    const head = `POST /pulse/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${port(sandbox)}\r\nContent-Type: application/json`
    const result = await stallBody(sandbox.url, head, 512 * 1024 * 1024, 0, 10_000)
    expect(result.response).toMatch(/^HTTP\/1\.1 413 /)
    expect(result.response).toContain('payload_too_large')
    expect(result.closedByServer).toBe(true)
  })

  it('a declared body that never arrives is dropped within the configured timeout, answered 408', async () => {
    const sandbox = await start({ requestTimeoutMs: 1_000 })
    const head = `POST /pulse/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${port(sandbox)}\r\nContent-Type: application/json`
    // A bound on the wait, far above the 1 s timeout and far below the old 300 s.
    const result = await stallBody(sandbox.url, head, 100, 10, 15_000)
    expect(result.closedByServer).toBe(true)
    expect(result.response).toMatch(/^HTTP\/1\.1 408 /)
  })
})

describe('idempotent replay', () => {
  interface Dialect {
    name: string
    path: string
    body: Record<string, unknown>
    secretField: string
    deletePath(created: Record<string, unknown>): string
  }
  const idOf = (created: Record<string, unknown>): string =>
    String((created.apiKey as { id?: string } | undefined)?.id ?? created.id)
  const dialects: Dialect[] = [
    {
      name: 'gateway',
      path: '/gateway/v1/apikeys',
      body: { name: 'replayed', scopes: 'sale:read' },
      secretField: 'key',
      deletePath: (c) => `/gateway/v1/apikeys/${idOf(c)}`,
    },
    {
      name: 'wallet',
      path: '/wallet/v1/wallets/wal_main/apikeys',
      body: { name: 'replayed', roles: { balances: 'view' } },
      secretField: 'value',
      deletePath: (c) => `/wallet/v1/wallets/wal_main/apikeys/${idOf(c)}`,
    },
    {
      name: 'pulse',
      path: '/pulse/apikeys',
      body: { name: 'replayed', permissions: ['readMerchants'] },
      secretField: 'apiSecret',
      deletePath: (c) => `/pulse/apikeys/${idOf(c)}`,
    },
  ]

  const call = (
    sandbox: Sandbox,
    path: string,
    token: string,
    method: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<RawResponse> =>
    rawRequest(`${sandbox.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        // admin's and support's shared pulse account (their primary accounts differ).
        ...(path.startsWith('/pulse') ? { 'x-account-id': 'acc_northwind' } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })

  for (const dialect of dialects) {
    it(`${dialect.name}: a replay after the key was deleted returns no secret, but says it was deleted`, async () => {
      const sandbox = await start()
      const admin = await sandboxAccessToken(sandbox.url, 'admin')
      const created = await call(sandbox, dialect.path, admin, 'POST', dialect.body, 'replay-after-delete')
      expect(created.status).toBe(201)
      const first = json(created) as Record<string, unknown>
      const secret = String(first[dialect.secretField])
      expect(secret.length).toBeGreaterThan(20)
      expect((await call(sandbox, dialect.deletePath(first), admin, 'DELETE')).status).toBe(204)

      const replay = await call(sandbox, dialect.path, admin, 'POST', dialect.body, 'replay-after-delete')
      expect(replay.status).toBe(410)
      expect(replay.body).not.toContain(secret)
      expect(json(replay).error?.message).toContain('deleted')
    })

    it(`${dialect.name}: another principal with the same Idempotency-Key is refused and never sees the first answer`, async () => {
      const sandbox = await start()
      const admin = await sandboxAccessToken(sandbox.url, 'admin')
      const support = await sandboxAccessToken(sandbox.url, 'support')
      const body = dialect.name === 'gateway' ? { name: 'shared', scopes: 'sale:read' } : dialect.body
      const created = await call(sandbox, dialect.path, admin, 'POST', body, 'shared-idempotency-key')
      expect(created.status).toBe(201)
      const secret = String((json(created) as Record<string, unknown>)[dialect.secretField])

      const replay = await call(sandbox, dialect.path, support, 'POST', body, 'shared-idempotency-key')
      expect(replay.status).toBe(409)
      expect(replay.body).not.toContain(secret)
      expect(json(replay).error?.message).toContain('Idempotency-Key')
    })
  }
})
