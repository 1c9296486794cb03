import { afterEach, describe, expect, it, vi } from 'vitest'
import { consoleLogger, redact } from '../../electron/core/log'
import { APP_ENTRY_URL, isAppUrl, isTrustedSender } from '../../electron/core/security/app-origin'
import { isAllowedExternalUrl } from '../../electron/core/security/external-url'

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
    ['a refresh token in a form body', 'grant_type=refresh_token&refresh_token=r3fr3sh-T0ken_value&client_id=kw', 'r3fr3sh-T0ken_value'],
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
    const out = redact('renew failed for Bearer aaa.bbb.ccc, then Bearer ddd.eee: HTTP 401 at https://api.example/v1/apikeys')
    expect(out).toBe('renew failed for Bearer [redacted], then Bearer [redacted]: HTTP 401 at https://api.example/v1/apikeys')
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
