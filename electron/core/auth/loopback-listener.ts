import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError } from '../errors'

export interface ReceivedCallback {
  /** The full callback URL, as the browser sent it. */
  url: URL
  /** Answers the waiting browser tab with the outcome, then closes the port. */
  finish(outcome: { ok: true } | { ok: false; message: string }): void
}

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/callback`, for the authorization request (RFC 8252 §7.3). */
  redirectUri: string
  /** Settles once: with the first request to /callback, or AUTH_CANCELLED on timeout or cancel. */
  callback: Promise<ReceivedCallback>
  /** Cancels the wait and closes the port. Safe to call more than once. */
  cancel(reason?: string): void
}

const CALLBACK_PATH = '/callback'

function page(title: string, body: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<style>body{font:16px system-ui,sans-serif;margin:15vh auto;max-width:32rem;padding:0 1rem;color:#222}</style></head>` +
    `<body><h1>${esc(title)}</h1><p>${esc(body)}</p></body></html>`
}

/**
 * A one-shot HTTP listener on 127.0.0.1 and a random port, for the OAuth redirect of a native app.
 * It binds to the loopback address only (never all interfaces), accepts exactly one callback and
 * closes by itself on completion, timeout or cancel.
 */
export async function openLoopbackListener(options: { timeoutMs: number }): Promise<LoopbackListener> {
  let settle: { resolve: (c: ReceivedCallback) => void; reject: (e: AppError) => void } | undefined
  const callback = new Promise<ReceivedCallback>((resolve, reject) => {
    settle = { resolve, reject }
  })
  // Callers may cancel without awaiting; never leave an unhandled rejection behind.
  callback.catch(() => {})

  let done = false
  let timer: NodeJS.Timeout | undefined
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1`)
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH || done) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
      return
    }
    done = true
    clearTimeout(timer)
    let answered = false
    settle?.resolve({
      url: new URL(`${redirectUri}${url.search}`),
      finish(outcome) {
        if (answered) return
        answered = true
        const html = outcome.ok
          ? page('Signed in to Keywarden', 'You can close this tab and return to Keywarden.')
          : page('Sign-in failed', `${outcome.message} You can close this tab and return to Keywarden.`)
        res.writeHead(outcome.ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html, () => close())
      },
    })
  })

  const close = () => {
    server.close()
    server.closeAllConnections()
  }

  const cancel = (reason = 'Sign-in was cancelled.') => {
    clearTimeout(timer)
    if (!done) {
      done = true
      settle?.reject(new AppError('AUTH_CANCELLED', reason))
    }
    close()
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`
  const wait = options.timeoutMs % 60_000 === 0
    ? `${options.timeoutMs / 60_000} minute${options.timeoutMs === 60_000 ? '' : 's'}`
    : `${Math.round(options.timeoutMs / 1000)} seconds`
  timer = setTimeout(() => cancel(`Sign-in timed out: nothing came back from the browser within ${wait}.`), options.timeoutMs)
  timer.unref()
  return { redirectUri, callback, cancel }
}
