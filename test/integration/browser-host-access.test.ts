import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '@core/clock'
import {
  callOver,
  cookieFrom,
  exchangeLink,
  openSocket,
  pageSocket,
  rawRequest,
  socketUrl,
  startTestHost,
  type RawResponse,
  type TestHost,
} from './browser-host-client'

// Each test plays a local process that attacks the browser host with what leaks: the printed link
// (from the terminal, the opener's command line or the browser history), forged headers, guesses.

let host: TestHost | undefined
afterEach(async () => {
  await host?.dispose()
  host = undefined
})

const portOf = (h: TestHost) => new URL(h.origin).port

describe('the link a browser host prints', () => {
  it('gives a separate session secret once, in a per-instance HttpOnly SameSite=Strict cookie under the instance path', async () => {
    host = await startTestHost()
    const code = new URL(host.url).searchParams.get('code')!
    const answer = await rawRequest(host.url)
    // A page that moves on to the clean URL by itself, so the address bar and history keep no usable code.
    expect(answer.status).toBe(200)
    expect(answer.body).toContain(`<meta http-equiv="refresh" content="0;url=${host.basePath}">`)
    const setCookie = answer.headers['set-cookie']![0]!
    expect(setCookie).toMatch(/^keywarden_[0-9a-f]{16}=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/[\w-]{16}\/$/)
    expect(setCookie).not.toContain(code)
    expect(host.basePath).toBe(new URL(host.url).pathname)

    const cookie = cookieFrom(answer)
    const page = await rawRequest(`${host.origin}${host.basePath}`, { cookie })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<script type="module" src="./host/bridge.js"></script>')
  })

  it('is refused to a second client that replays it after the page used it', async () => {
    host = await startTestHost()
    await exchangeLink(host.url)
    const replay = await rawRequest(host.url)
    expect(replay.status).toBe(403)
    expect(replay.headers['set-cookie']).toBeUndefined()
    expect(replay.body).toContain('This link has expired or was already used')
    expect(replay.body).toContain('press Enter in the terminal where Keywarden runs')
    // Nor does the code work as a cookie or on the socket.
    const code = new URL(host.url).searchParams.get('code')!
    const name = 'keywarden_' // the attacker guesses at the cookie's name; the value is what matters
    expect((await rawRequest(`${host.origin}${host.basePath}`, { cookie: `${name}=${code}` })).status).toBe(403)
    expect(await openSocket(`${socketUrl(host)}?code=${code}`, { origin: host.origin })).toEqual({ refused: 403 })
    expect(host.log.join('\n')).toContain('refused a link code (already used or never issued)')
  })

  it('is refused after its lifetime, with a page that says how to get a new one; a new link works', async () => {
    const clock = new ManualClock()
    host = await startTestHost({ clock, codeLifetimeMs: 60_000 })
    const early = host.newLink()
    clock.advance(59_000)
    expect((await rawRequest(early)).headers['set-cookie']).toHaveLength(1)

    const late = host.newLink()
    clock.advance(60_001)
    const expired = await rawRequest(late)
    expect(expired.status).toBe(403)
    expect(expired.headers['content-type']).toContain('text/html')
    expect(expired.body).toContain('This link has expired or was already used')
    expect(expired.body).toContain('To get a new link, press Enter in the terminal where Keywarden runs')
    expect(host.log.join('\n')).toContain('refused a link code (expired)')
    expect((await rawRequest(host.newLink())).headers['set-cookie']).toHaveLength(1)
  })

  it('leaves nothing in the log that could be used again', async () => {
    host = await startTestHost()
    const code = new URL(host.url).searchParams.get('code')!
    const cookie = await exchangeLink(host.url)
    await rawRequest(host.url)
    await rawRequest(`${host.origin}${host.basePath}?code=${code}`, { host: 'evil.example' })
    const log = host.log.join('\n')
    expect(log).not.toContain(code)
    expect(log).not.toContain(cookie.split('=')[1]!)
  })
})

describe('a local client with everything that leaks, but not the session secret', () => {
  it('cannot open the socket with a forged Origin and Host, the used link, its code or the old ?token=', async () => {
    host = await startTestHost()
    // Whatever the printed link carries (its code), as read from a terminal, a command line or the history.
    const code = [...new URL(host.url).searchParams.values()][0]!
    await exchangeLink(host.url) // the real page used the link
    const forged = { origin: host.origin, host: `127.0.0.1:${portOf(host)}` }
    for (const attempt of [
      { url: `${socketUrl(host)}?code=${code}`, headers: forged },
      { url: `${socketUrl(host)}?token=${code}`, headers: forged },
      { url: socketUrl(host), headers: { ...forged, cookie: `keywarden_host=${code}` } },
      { url: socketUrl(host), headers: forged },
    ]) {
      expect(await openSocket(attempt.url, attempt.headers), attempt.url).toEqual({ refused: 403 })
    }
    expect((await rawRequest(`${host.origin}${host.basePath}?token=${code}`)).status).toBe(403)
  })

  it('cannot use a stolen session cookie from another Origin', async () => {
    host = await startTestHost()
    const cookie = await exchangeLink(host.url)
    for (const origin of ['http://evil.example', `http://127.0.0.1:${Number(portOf(host)) + 1}`, 'null']) {
      expect(await openSocket(socketUrl(host), { cookie, origin }), origin).toEqual({ refused: 403 })
    }
    expect(await openSocket(socketUrl(host), { cookie })).toEqual({ refused: 403 })
    // The page itself (its cookie, its Origin) still gets in and is answered.
    const socket = await pageSocket(host, cookie)
    expect(await callOver(socket, 1, 'getSession')).toMatchObject({ ok: true })
    socket.close()
  })
})

describe('a foreign Host header (DNS rebinding, or a forged request)', () => {
  it('is refused on every HTTP request, even with a valid session', async () => {
    host = await startTestHost()
    const cookie = await exchangeLink(host.url)
    const page = `${host.origin}${host.basePath}`
    for (const foreign of [
      'evil.example',
      `evil.example:${portOf(host)}`,
      `127.0.0.1:${Number(portOf(host)) + 1}`,
      '127.0.0.1',
      `[::1]:${portOf(host)}`,
    ]) {
      const answer = await rawRequest(page, { cookie, host: foreign })
      expect(answer.status, foreign).toBe(403)
      expect(answer.body).toContain('answers only at 127.0.0.1')
    }
    expect((await rawRequest(page, { cookie, host: `localhost:${portOf(host)}` })).status).toBe(200)
    const link = host.newLink()
    expect((await rawRequest(link, { host: 'evil.example' })).status).toBe(403)
    expect(host.log.join('\n')).toContain('refused a request for a foreign Host')
  })

  it('is refused on the socket upgrade, even with a session and an Origin that matches it', async () => {
    host = await startTestHost()
    const cookie = await exchangeLink(host.url)
    const foreign = `evil.example:${portOf(host)}`
    expect(await openSocket(socketUrl(host), { cookie, host: foreign, origin: `http://${foreign}` })).toEqual({
      refused: 403,
    })
    expect(await openSocket(socketUrl(host), { cookie, host: foreign, origin: host.origin })).toEqual({ refused: 403 })
    expect(host.log.join('\n')).toContain('refused a socket for a foreign Host')
  })
})

describe('every response of the host', () => {
  const securityHeaders = {
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  }
  const expectSecurityHeaders = (answer: RawResponse, what: string) => {
    for (const [name, value] of Object.entries(securityHeaders))
      expect(answer.headers[name], `${name} on ${what}`).toBe(value)
    expect(answer.headers['content-security-policy'], `CSP on ${what}`).toContain("default-src 'none'")
  }

  it('sends Referrer-Policy, COOP, nosniff, the CSP and no-store: pages, files, redirects and errors', async () => {
    host = await startTestHost()
    const exchange = await rawRequest(host.url)
    expectSecurityHeaders(exchange, 'the link exchange')
    const cookie = cookieFrom(exchange)
    const page = `${host.origin}${host.basePath}`
    const answers: Record<string, RawResponse> = {
      'the index page': await rawRequest(page, { cookie }),
      'an asset': await rawRequest(`${page}assets/app.js`, { cookie }),
      'the page bridge': await rawRequest(`${page}host/bridge.js`, { cookie }),
      'a missing file': await rawRequest(`${page}assets/nothing.js`, { cookie }),
      'a path outside the instance': await rawRequest(`${host.origin}/`, { cookie }),
      'the instance path without its slash': await rawRequest(`${host.origin}${host.basePath.slice(0, -1)}`, {
        cookie,
      }),
      'no session': await rawRequest(page),
      'a used link': await rawRequest(host.url),
      'a foreign Host': await rawRequest(page, { cookie, host: 'evil.example' }),
      'a POST': await rawRequest(page, { cookie }, 'POST'),
    }
    expect(Object.fromEntries(Object.entries(answers).map(([what, answer]) => [what, answer.status]))).toEqual({
      'the index page': 200,
      'an asset': 200,
      'the page bridge': 200,
      'a missing file': 404,
      'a path outside the instance': 404,
      'the instance path without its slash': 308,
      'no session': 403,
      'a used link': 403,
      'a foreign Host': 403,
      'a POST': 405,
    })
    for (const [what, answer] of Object.entries(answers)) expectSecurityHeaders(answer, what)
  })

  it('sends them on a refused socket upgrade and on a malformed request too', async () => {
    host = await startTestHost()
    const port = Number(portOf(host))
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(text))
        let answer = ''
        socket.on('data', (chunk) => (answer += chunk.toString('utf8')))
        socket.on('end', () => resolve(answer))
        socket.on('error', reject)
      })
    const upgrade = await raw(
      `GET ${host.basePath}__keywarden/socket HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${host.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    )
    const malformed = await raw('NOT HTTP AT ALL\r\n\r\n')
    for (const [what, answer] of Object.entries({ 'a refused upgrade': upgrade, 'a malformed request': malformed })) {
      expect(answer, what).toMatch(/^HTTP\/1\.1 (403|400) /)
      for (const [name, value] of Object.entries(securityHeaders))
        expect(answer.toLowerCase(), `${name} on ${what}`).toContain(`${name}: ${value}`)
    }
  })
})
