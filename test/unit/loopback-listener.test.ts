import { request } from 'node:http'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openLoopbackListener, type LoopbackListener } from '@core/auth/loopback-listener'
import type { Logger } from '@core/log'
import { probe } from '../support/tcp-probe'

// Real sockets throughout: the listener binds a real port and the "browser" is fetch (or a raw
// node:http client where a test needs its own Host header).

const STATE = 'the-expected-state-of-this-attempt'
const opened: LoopbackListener[] = []
let warnings: string[] = []
const log: Logger = { info() {}, warn: (m) => void warnings.push(m), error() {} }

async function open(timeoutMs = 30_000): Promise<LoopbackListener> {
  const listener = await openLoopbackListener({ timeoutMs, expectedState: STATE, log })
  opened.push(listener)
  return listener
}
afterEach(() => {
  for (const listener of opened.splice(0)) listener.cancel()
  warnings = []
  vi.useRealTimers()
})

/** The redirect URI with these query parameters. */
function callbackUrl(listener: LoopbackListener, params: Record<string, string>): string {
  const url = new URL(listener.redirectUri)
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
  return url.href
}

function rawGet(url: string, host: string | null): Promise<number> {
  const target = new URL(url)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        setHost: host !== null,
        headers: host === null ? {} : { host },
      },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('error', reject)
    req.end()
  })
}

const portOf = (listener: LoopbackListener) => Number(new URL(listener.redirectUri).port)

/** Records whether a promise has settled, without consuming its outcome. */
function watch(promise: Promise<unknown>) {
  const state = { settled: false }
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  )
  return state
}

describe('openLoopbackListener', () => {
  it('listens on 127.0.0.1 only, on a random port, at /callback/<128 random bits> of its own', async () => {
    const a = await open()
    const b = await open()
    for (const listener of [a, b]) {
      const uri = new URL(listener.redirectUri)
      expect(uri.protocol).toBe('http:')
      expect(uri.hostname).toBe('127.0.0.1')
      expect(uri.pathname).toMatch(/^\/callback\/[A-Za-z0-9_-]{22}$/)
      expect(uri.search).toBe('')
      expect(portOf(listener)).toBeGreaterThan(1023)
    }
    expect(portOf(a)).not.toBe(portOf(b))
    expect(new URL(a.redirectUri).pathname).not.toBe(new URL(b.redirectUri).pathname)

    expect(await probe('127.0.0.1', portOf(a))).toBe('open')
    // Bound to 127.0.0.1 itself, not to every interface: other addresses of this machine refuse.
    expect(await probe('127.0.0.2', portOf(a))).toBe('closed')
    expect(await probe('::1', portOf(a))).toBe('closed')
  })

  it('resolves with the callback URL and answers the browser with the page finish() picks', async () => {
    const listener = await open()
    const browser = fetch(`${listener.redirectUri}?code=abc123&state=${STATE}`)
    const received = await listener.callback
    expect(received.url.href).toBe(`${listener.redirectUri}?code=abc123&state=${STATE}`)
    expect(received.url.searchParams.get('code')).toBe('abc123')
    expect(received.url.searchParams.get('state')).toBe(STATE)

    received.finish({ ok: true })
    const response = await browser
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const html = await response.text()
    expect(html).toContain('Signed in to Keywarden')
    expect(html).toContain('You can close this tab')
    // One callback only: the port closes once the browser has its answer.
    await vi.waitFor(async () => expect(await probe('127.0.0.1', portOf(listener))).toBe('closed'))
  })

  it('shows a failure to the browser with the message, escaped', async () => {
    const listener = await open()
    const browser = fetch(callbackUrl(listener, { error: 'access_denied', state: STATE }))
    const received = await listener.callback
    received.finish({ ok: false, message: 'The server said <script>no</script>.' })
    const response = await browser
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Sign-in failed')
    expect(html).toContain('The server said &#60;script&#62;no&#60;/script&#62;.')
    expect(html).not.toContain('<script>')
  })

  it('shows the message finish() adds to a success', async () => {
    const listener = await open()
    const browser = fetch(callbackUrl(listener, { code: 'c', state: STATE }))
    ;(await listener.callback).finish({ ok: true, message: 'Keywarden asks you to confirm this account.' })
    const html = await (await browser).text()
    expect(html).toContain('Keywarden asks you to confirm this account. You can close this tab')
  })

  it('answers 404 to a wrong path or method and 400 to a wrong or missing state or Host, and keeps waiting', async () => {
    const listener = await open()
    const callback = watch(listener.callback)
    const port = portOf(listener)
    const base = `http://127.0.0.1:${port}`
    const path = new URL(listener.redirectUri).pathname

    const refused: Array<[string, number, number]> = []
    for (const [what, url, init, expected] of [
      ['root', `${base}/`, {}, 404],
      ['favicon', `${base}/favicon.ico`, {}, 404],
      ['plain /callback', `${base}/callback?code=1&state=${STATE}`, {}, 404],
      ['another random path', `${base}/callback/AAAAAAAAAAAAAAAAAAAAAA?code=1&state=${STATE}`, {}, 404],
      ['path with a suffix', `${base}${path}/x?code=1&state=${STATE}`, {}, 404],
      ['path in other case', `${base}${path.toUpperCase()}?code=1&state=${STATE}`, {}, 404],
      ['POST', `${base}${path}?code=1&state=${STATE}`, { method: 'POST', body: 'code=1' }, 404],
      ['no state', `${base}${path}?code=1`, {}, 400],
      ['empty state', `${base}${path}?code=1&state=`, {}, 400],
      ['wrong state', `${base}${path}?code=1&state=${STATE}x`, {}, 400],
      ['error with a wrong state', `${base}${path}?error=access_denied&state=nope`, {}, 400],
    ] as const) {
      const response = await fetch(url, init)
      refused.push([what, response.status, expected])
      expect(response.headers.get('content-type')).toContain('text/plain')
      await response.body?.cancel()
    }
    for (const [what, host] of [
      ['foreign Host', `evil.example:${port}`],
      ['Host without port', '127.0.0.1'],
      ['localhost Host', `localhost:${port}`],
      ['another port', `127.0.0.1:${port + 1}`],
    ] as const) {
      refused.push([what, await rawGet(callbackUrl(listener, { code: '1', state: STATE }), host), 400])
    }
    // Each refusal is a warning that names the reason, never the code, the state or the path.
    expect(warnings).toHaveLength(refused.length)
    // Without any Host, Node's HTTP server itself answers 400 before the listener sees the request.
    refused.push(['no Host', await rawGet(callbackUrl(listener, { code: '1', state: STATE }), null), 400])
    expect(refused.map(([what, status]) => [what, status])).toEqual(
      refused.map(([what, , expected]) => [what, expected]),
    )
    // Settling would have happened before the refusal was sent.
    expect(callback.settled).toBe(false)
    expect(warnings.every((w) => w.startsWith('loopback listener: refused'))).toBe(true)
    expect(warnings.some((w) => w.includes('wrong state'))).toBe(true)
    expect(warnings.some((w) => w.includes('wrong Host header') && w.includes('evil.example'))).toBe(true)
    for (const warning of warnings) {
      expect(warning).not.toContain(STATE)
      expect(warning).not.toContain(path.split('/').at(-1))
      expect(warning).not.toContain('code')
    }

    const browser = fetch(callbackUrl(listener, { code: 'real', state: STATE }))
    const received = await listener.callback
    expect(received.url.searchParams.get('code')).toBe('real')
    received.finish({ ok: true })
    expect((await browser).status).toBe(200)
  })

  it('takes the first matching callback only: a second one gets 404', async () => {
    const listener = await open()
    const first = fetch(callbackUrl(listener, { code: 'first', state: STATE }))
    const received = await listener.callback
    // The first browser request is still open (finish not called yet); a second one arrives meanwhile.
    const second = await fetch(callbackUrl(listener, { code: 'second', state: STATE }))
    expect(second.status).toBe(404)
    expect(received.url.searchParams.get('code')).toBe('first')
    received.finish({ ok: true })
    expect((await first).status).toBe(200)
  })

  it('rejects AUTH_CANCELLED when nothing comes back in time, and closes the port', async () => {
    const listener = await open(200)
    const port = portOf(listener)
    await expect(listener.callback).rejects.toMatchObject({
      code: 'AUTH_CANCELLED',
      message: expect.stringMatching(/timed out/i),
    })
    expect(await probe('127.0.0.1', port)).toBe('closed')
  })

  it.each([
    [5 * 60_000, '5 minutes'],
    [60_000, '1 minute'],
    [30_000, '30 seconds'],
    [90_000, '90 seconds'],
  ])('says how long it waited: %i ms is "%s"', async (timeoutMs, wording) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const listener = await open(timeoutMs)
    vi.advanceTimersByTime(timeoutMs)
    const error = await listener.callback.catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'AUTH_CANCELLED' })
    expect((error as Error).message).toContain(`within ${wording}.`)
  })

  it('cancel() rejects AUTH_CANCELLED with the reason and closes the port; calling it again is harmless', async () => {
    const listener = await open()
    const port = portOf(listener)
    expect(await probe('127.0.0.1', port)).toBe('open')
    listener.cancel('Sign-in was cancelled.')
    await expect(listener.callback).rejects.toMatchObject({ code: 'AUTH_CANCELLED', message: 'Sign-in was cancelled.' })
    expect(await probe('127.0.0.1', port)).toBe('closed')
    expect(() => listener.cancel()).not.toThrow()
    await expect(listener.callback).rejects.toMatchObject({ message: 'Sign-in was cancelled.' })
  })

  it('cancel() after the callback arrived leaves the received callback alone', async () => {
    const listener = await open()
    const browser = fetch(callbackUrl(listener, { code: 'kept', state: STATE })).catch((e: unknown) => e)
    const received = await listener.callback
    listener.cancel()
    await expect(listener.callback).resolves.toBe(received)
    // The browser tab's request is dropped with the port.
    await browser
    expect(await probe('127.0.0.1', portOf(listener))).toBe('closed')
  })
})
