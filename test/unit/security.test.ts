import { afterEach, describe, expect, it, vi } from 'vitest'
import { consoleLogger, redact } from '@core/log'
import { APP_ENTRY_URL, isAppUrl, isTrustedSender } from '@core/security/app-origin'
import { externalUrlVerdict, isAllowedExternalUrl } from '@core/security/external-url'
import { honouredEnvironment, ignoredVariables } from '@core/security/honoured-environment'
import { isLoopbackHost, isSecureOrLoopbackUrl } from '@shared/domain/transport'
import { GATEWAY_KEY_FORMAT, newKeyValue, PULSE_SECRET_FORMAT, WALLET_KEY_FORMAT } from '@sandbox/keys/key-format'
import { newSessionToken } from '@sandbox/pulse/credentials'

describe('isAllowedExternalUrl: what may be opened in the system browser', () => {
  it.each([
    'https://id.example.com/authorize?client_id=x',
    'HTTPS://ID.EXAMPLE.COM/',
    'http://127.0.0.1:4010/auth?x=1',
    'http://localhost:4010/',
    'http://[::1]:4010/auth',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true)
  })

  it.each([
    ['plain http to another host', 'http://example.com/'],
    ['http to a host that only starts like localhost', 'http://localhost.evil.example/'],
    ['http to a host that only starts like 127.0.0.1', 'http://127.0.0.1.nip.io/'],
    ['http on all interfaces', 'http://0.0.0.0:4010/'],
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a custom scheme', 'keywarden://callback?code=1'],
    ['our own app scheme', 'app://keywarden/index.html'],
    ['ftp:', 'ftp://example.com/file'],
    ['credentials in an https URL', 'https://user:secret@example.com/'],
    ['a user name alone in an https URL', 'https://user@example.com/'],
    ['credentials in a loopback URL', 'http://admin:pw@127.0.0.1:4010/'],
    ['not a URL', 'not a url'],
    ['an empty string', ''],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false)
  })
})

describe('isAppUrl and isTrustedSender: who may call the main process', () => {
  it('recognises the renderer entry and other pages of the app origin', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true)
    expect(APP_ENTRY_URL).toBe('app://keywarden/index.html')
    expect(isAppUrl('app://keywarden/assets/index.js')).toBe(true)
  })

  it.each([
    'app://keywarden.evil/index.html',
    'app://evil/index.html',
    'app://keywarden:8080/index.html',
    'app://user@keywarden/index.html',
    'https://keywarden/index.html',
    'file:///app/keywarden/index.html',
    'http://127.0.0.1:5173/',
    'about:blank',
    '',
  ])('does not count %j as the app', (url) => {
    expect(isAppUrl(url)).toBe(false)
  })

  it('trusts only the main frame of the app origin', () => {
    expect(isTrustedSender(APP_ENTRY_URL, true)).toBe(true)
    expect(isTrustedSender(APP_ENTRY_URL, false)).toBe(false)
    expect(isTrustedSender('https://evil.example/', true)).toBe(false)
    expect(isTrustedSender(undefined, true)).toBe(false)
    expect(isTrustedSender('', true)).toBe(false)
  })
})

describe('redact: the log never keeps a credential', () => {
  const jwt =
    'eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyJ9.eyJzdWIiOiJhZG1pbiIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlLXBhcnQtb2YtdGhlLWp3dA'

  it.each([
    ['a bearer token', 'GET /v1/apikeys authorization: Bearer mF_9.B5f-4.1JqM/abc+def==', 'mF_9.B5f-4.1JqM/abc+def=='],
    ['an API key', 'created key apk_Zx81kPq0Lm2NbV7yT4rE', 'apk_Zx81kPq0Lm2NbV7yT4rE'],
    [
      'a refresh token in a form body',
      'grant_type=refresh_token&refresh_token=r3fr3sh-T0ken_value&client_id=kw',
      'r3fr3sh-T0ken_value',
    ],
    ['an access token in a query', 'https://api.example/x?access_token=AcCeSs123&page=1', 'AcCeSs123'],
    ['an authorization code and state', 'callback /callback?code=c0de-VALUE&state=st4te-VALUE', 'c0de-VALUE'],
    ['a PKCE verifier', 'code_verifier=v3rifier-abcdefghijklmnop', 'v3rifier-abcdefghijklmnop'],
    ['a password', 'login username=admin&password=hunter2', 'hunter2'],
    ['a JWT', `id token ${jwt} was rejected`, jwt],
  ])('cuts %s', (_label, line, secret) => {
    const out = redact(line)
    expect(out).not.toContain(secret)
    expect(out).toContain('redacted')
  })

  it('cuts every occurrence and leaves the rest of the line readable', () => {
    const out = redact(
      'renew failed for Bearer aaa.bbb.ccc, then Bearer ddd.eee: HTTP 401 at https://api.example/v1/apikeys',
    )
    expect(out).toBe(
      'renew failed for Bearer [redacted], then Bearer [redacted]: HTTP 401 at https://api.example/v1/apikeys',
    )
  })

  it('keeps field names and non-secret parameters', () => {
    expect(redact('token endpoint: refresh_token=abc123&client_id=keywarden-desktop')).toBe(
      'token endpoint: refresh_token=[redacted]&client_id=keywarden-desktop',
    )
  })

  it('leaves lines without credentials alone', () => {
    const line = 'profile 5c1d: session restored for Ada Admin (3 keys, 1 expired)'
    expect(redact(line)).toBe(line)
  })

  describe('consoleLogger', () => {
    afterEach(() => {
      vi.restoreAllMocks()
    })

    it('writes redacted lines', () => {
      const written: string[] = []
      vi.spyOn(console, 'log').mockImplementation((line: string) => void written.push(line))
      consoleLogger('test').warn('refresh failed: refresh_token=sup3rs3cret with Bearer abc.def')
      expect(written).toHaveLength(1)
      expect(written[0]).toContain('test warn refresh failed')
      expect(written[0]).not.toContain('sup3rs3cret')
      expect(written[0]).not.toContain('abc.def')
    })
  })
})

describe("redact: every dialect's real key and secret formats (generated by the sandbox)", () => {
  const gatewayKey = newKeyValue(GATEWAY_KEY_FORMAT)
  const walletKey = newKeyValue(WALLET_KEY_FORMAT)
  const pulseSecret = newKeyValue(PULSE_SECRET_FORMAT)
  const pulseSession = newSessionToken()
  const hostSession = 'Q2hvb3NlIGEgc2Vzc2lvbiBzZWNyZXQ_-x'

  it.each([
    ['a gateway key', `created key ${gatewayKey} for ci`, gatewayKey],
    ['a wallet key', `wallet answered {"key":"${walletKey}"}`, walletKey],
    ['a pulse secret, bare', `pulse created apiKey-AbCdEfGhIjKlMnOpQrStUvWx with ${pulseSecret}`, pulseSecret],
    ['a pulse secret in its header', `GET /pulse/transactions x-api-secret: ${pulseSecret}`, pulseSecret],
    [
      'a pulse secret in JSON',
      `login body {"apiKey":"apiKey-AbCdEfGhIjKlMnOpQrStUvWx","apiSecret":"${pulseSecret}"}`,
      pulseSecret,
    ],
    ['a pulse session token', `pulse login gave ${pulseSession}`, pulseSession],
    ["the browser host's one-time code", `GET /?code=${hostSession} HTTP/1.1`, hostSession],
    ["the browser host's session cookie", `Cookie: theme=dark; keywarden_7f3a9c=${hostSession}; other=1`, hostSession],
    [
      "the browser host's Set-Cookie",
      `Set-Cookie: keywarden_7f3a9c=${hostSession}; HttpOnly; SameSite=Strict; Path=/`,
      hostSession,
    ],
  ])('cuts %s', (_label, line, secret) => {
    const out = redact(line)
    expect(out).not.toContain(secret)
    expect(out).toContain('redacted')
  })

  it('keeps the cookie name and the public pulse key id readable', () => {
    expect(redact(`Cookie: keywarden_7f3a9c=${hostSession}; theme=dark`)).toBe(
      'Cookie: keywarden_7f3a9c=[redacted]; theme=dark',
    )
    expect(redact('kept apiKey-AbCdEfGhIjKlMnOpQrStUvWx in the keychain')).toBe(
      'kept apiKey-AbCdEfGhIjKlMnOpQrStUvWx in the keychain',
    )
  })

  it('cuts a thousand fresh values of each dialect', () => {
    for (let i = 0; i < 1000; i++) {
      for (const value of [
        newKeyValue(GATEWAY_KEY_FORMAT),
        newKeyValue(WALLET_KEY_FORMAT),
        newKeyValue(PULSE_SECRET_FORMAT),
        newSessionToken(),
      ]) {
        expect(redact(`value=${value} and again ${value}.`)).not.toContain(value)
      }
    }
  })
})

describe('the transport rule: where tokens and secrets may go', () => {
  it.each([
    'https://api.example.com/v1',
    'http://127.0.0.1:4010/gateway',
    'http://127.8.9.10/',
    'http://localhost:4010/',
    'http://[::1]:4010/pulse',
  ])('allows %s', (url) => {
    expect(isSecureOrLoopbackUrl(url)).toBe(true)
  })

  it.each([
    'http://api.example.com',
    'http://localhost.evil.example/',
    'http://127.0.0.1.nip.io/',
    'http://0.0.0.0:4010/',
    'http://10.0.0.5/',
    'ftp://api.example.com/',
    'https://user:pw@api.example.com/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isSecureOrLoopbackUrl(url)).toBe(false)
  })

  it('knows the loopback names and nothing that only looks like them', () => {
    expect(['127.0.0.1', '[::1]', 'localhost', 'LOCALHOST'].every(isLoopbackHost)).toBe(true)
    expect(['127.0.0.256', '127.0.0', 'localhost.evil', '::ffff:8.8.8.8', ''].some(isLoopbackHost)).toBe(false)
  })
})

describe('externalUrlVerdict: what reaches shell.openExternal', () => {
  const issuer = 'https://id.example.com/realms/keys'

  it("allows the active issuer's origin and Keywarden's own help pages", () => {
    expect(externalUrlVerdict('https://id.example.com/authorize?client_id=x&state=s', { issuer })).toEqual({
      allowed: true,
    })
    expect(externalUrlVerdict('http://127.0.0.1:4010/auth?x=1', { issuer: 'http://127.0.0.1:4010' })).toEqual({
      allowed: true,
    })
    expect(externalUrlVerdict('https://keywarden.dev/help/keys')).toEqual({ allowed: true })
  })

  it.each([
    ['another https host', 'https://evil.example/', { issuer }],
    ['the issuer host on another port', 'https://id.example.com:8443/authorize', { issuer }],
    ['a look-alike of the issuer', 'https://id.example.com.evil.example/authorize', { issuer }],
    ['plain http to the issuer host', 'http://id.example.com/authorize', { issuer }],
    ['a second port on 127.0.0.1', 'http://127.0.0.1:4011/auth', { issuer: 'http://127.0.0.1:4010' }],
    ['any https host without a sign-in', 'https://docs.example/keys', {}],
    ['the help site outside its help pages', 'https://keywarden.dev/download/keywarden.exe', {}],
    ['file:', 'file:///etc/passwd', { issuer }],
  ])('refuses %s', (_label, url, context) => {
    expect(externalUrlVerdict(url, context)).toMatchObject({ allowed: false, reason: expect.any(String) })
  })
})

describe('honouredEnvironment: development variables', () => {
  const env = { KEYWARDEN_SANDBOX_URL: 'http://127.0.0.1:9999', KEYWARDEN_KEYCHAIN_SERVICE: 'attacker-service' }
  const defaults = { defaultKeychainService: 'dev.keywarden.desktop', defaultSandboxUrl: 'http://127.0.0.1:4010' }

  it('a packaged build ignores them (and says which it ignored)', () => {
    expect(honouredEnvironment(env, { isPackaged: true, ...defaults })).toEqual({
      sandboxUrl: undefined,
      keychainService: 'dev.keywarden.desktop',
    })
    expect(ignoredVariables(env, true)).toEqual(['KEYWARDEN_SANDBOX_URL', 'KEYWARDEN_KEYCHAIN_SERVICE'])
  })

  it('a development build honours them, with defaults when unset or blank', () => {
    expect(honouredEnvironment(env, { isPackaged: false, ...defaults })).toEqual({
      sandboxUrl: 'http://127.0.0.1:9999',
      keychainService: 'attacker-service',
    })
    expect(honouredEnvironment({ KEYWARDEN_SANDBOX_URL: ' ' }, { isPackaged: false, ...defaults })).toEqual({
      sandboxUrl: 'http://127.0.0.1:4010',
      keychainService: 'dev.keywarden.desktop',
    })
    expect(ignoredVariables(env, false)).toEqual([])
  })
})
