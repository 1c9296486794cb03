import { afterEach, describe, expect, it, vi } from 'vitest'
import { openLoopbackListener, type LoopbackListener } from '../../electron/core/auth/loopback-listener'
import { probe } from '../support/tcp-probe'

// Real sockets throughout: the listener binds a real port and the "browser" is fetch.

const opened: LoopbackListener[] = []
async function open(timeoutMs = 30_000): Promise<LoopbackListener> {
  const listener = await openLoopbackListener({ timeoutMs })
  opened.push(listener)
  return listener
}
afterEach(() => {
  for (const listener of opened.splice(0)) listener.cancel()
  vi.useRealTimers()
})

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
  it('listens on 127.0.0.1 only, on a random port, at /callback', async () => {
    const a = await open()
    const b = await open()
    for (const listener of [a, b]) {
      const uri = new URL(listener.redirectUri)
      expect(uri.protocol).toBe('http:')
      expect(uri.hostname).toBe('127.0.0.1')
      expect(uri.pathname).toBe('/callback')
      expect(portOf(listener)).toBeGreaterThan(1023)
    }
    expect(portOf(a)).not.toBe(portOf(b))

    expect(await probe('127.0.0.1', portOf(a))).toBe('open')
    // Bound to 127.0.0.1 itself, not to every interface: other addresses of this machine refuse.
    expect(await probe('127.0.0.2', portOf(a))).toBe('closed')
    expect(await probe('::1', portOf(a))).toBe('closed')
  })

  it('resolves with the callback URL and answers the browser with the page finish() picks', async () => {
    const listener = await open()
    const browser = fetch(`${listener.redirectUri}?code=abc123&state=xyz789`)
    const received = await listener.callback
    expect(received.url.href).toBe(`${listener.redirectUri}?code=abc123&state=xyz789`)
    expect(received.url.searchParams.get('code')).toBe('abc123')
    expect(received.url.searchParams.get('state')).toBe('xyz789')

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
    const browser = fetch(`${listener.redirectUri}?error=access_denied`)
    const received = await listener.callback
    received.finish({ ok: false, message: 'The server said <script>no</script>.' })
    const response = await browser
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Sign-in failed')
    expect(html).toContain('The server said &#60;script&#62;no&#60;/script&#62;.')
    expect(html).not.toContain('<script>')
  })

  it('answers 404 to anything but GET /callback, and keeps waiting', async () => {
    const listener = await open()
    const callback = watch(listener.callback)
    const port = portOf(listener)
    const base = `http://127.0.0.1:${port}`

    for (const [path, init] of [
      ['/', {}],
      ['/favicon.ico', {}],
      ['/callback/extra?code=1', {}],
      ['/Callback?code=1', {}],
      ['/callback?code=1', { method: 'POST', body: 'code=1' }],
    ] as const) {
      const response = await fetch(`${base}${path}`, init)
      expect(response.status, `${init && 'method' in init ? init.method : 'GET'} ${path}`).toBe(404)
      await response.body?.cancel()
    }
    // Settling would have happened before the 404 was sent.
    expect(callback.settled).toBe(false)

    const browser = fetch(`${listener.redirectUri}?code=real`)
    const received = await listener.callback
    expect(received.url.searchParams.get('code')).toBe('real')
    received.finish({ ok: true })
    expect((await browser).status).toBe(200)
  })

  it('takes the first callback only: a second one gets 404', async () => {
    const listener = await open()
    const first = fetch(`${listener.redirectUri}?code=first`)
    const received = await listener.callback
    // The first browser request is still open (finish not called yet); a second one arrives meanwhile.
    const second = await fetch(`${listener.redirectUri}?code=second`)
    expect(second.status).toBe(404)
    expect(received.url.searchParams.get('code')).toBe('first')
    received.finish({ ok: true })
    expect((await first).status).toBe(200)
  })

  it('rejects AUTH_CANCELLED when nothing comes back in time, and closes the port', async () => {
    const listener = await open(200)
    const port = portOf(listener)
    await expect(listener.callback).rejects.toMatchObject({ code: 'AUTH_CANCELLED', message: expect.stringMatching(/timed out/i) })
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
    const browser = fetch(`${listener.redirectUri}?code=kept`).catch((e: unknown) => e)
    const received = await listener.callback
    listener.cancel()
    await expect(listener.callback).resolves.toBe(received)
    // The browser tab's request is dropped with the port.
    await browser
    expect(await probe('127.0.0.1', portOf(listener))).toBe('closed')
  })
})
