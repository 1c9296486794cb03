import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError } from '../errors'
import type { Logger } from '../log'
import { callbackPage, refusalText } from './loopback-pages'

export type CallbackOutcome = { ok: true; message?: string } | { ok: false; message: string }

export interface ReceivedCallback {
  /** The full callback URL, as the browser sent it. */
  url: URL
  /** Answers the waiting browser tab with the outcome, then closes the port. */
  finish: (outcome: CallbackOutcome) => void
}

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/callback/<random>`, for the authorization request (RFC 8252 §7.3). */
  redirectUri: string
  /** Settles once: with the one callback that matches, or AUTH_CANCELLED on timeout or cancel. */
  callback: Promise<ReceivedCallback>
  /** Cancels the wait and closes the port. Safe to call more than once. */
  cancel(reason?: string): void
}

export interface LoopbackListenerOptions {
  timeoutMs: number
  /** The `state` of this attempt's authorization request; only a callback carrying it settles the wait. */
  expectedState: string
  /** Refused requests are logged here as warnings (never their query: it may hold a code). */
  log: Logger
}

/** 128 bits, base64url: the part of the callback path another local process cannot guess. */
const randomPathSegment = (): string => randomBytes(16).toString('base64url')

/** Constant-time equality for strings of any length (both are hashed to the same size first). */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()
  return timingSafeEqual(digest(a), digest(b))
}

/** A Host header value fit for a log line: short, and only characters a host name or port has. */
function loggableHost(host: string | undefined): string {
  if (host === undefined) return '(none)'
  const cleaned = host.replace(/[^A-Za-z0-9.:[\]-]/g, '?').slice(0, 80)
  return `"${cleaned}"`
}

/**
 * A one-shot HTTP listener on 127.0.0.1 and a random port, for the OAuth redirect of a native app.
 * It binds to the loopback address only (never all interfaces) and waits for exactly one request:
 * a GET with `Host: 127.0.0.1:<port>`, this attempt's random path and the expected `state`. Anything
 * else (another local process guessing, a page rebinding its DNS name to 127.0.0.1) is answered
 * 400/404 and logged, and the listener keeps waiting. It closes by itself on completion, timeout or
 * cancel.
 */
export async function openLoopbackListener(options: LoopbackListenerOptions): Promise<LoopbackListener> {
  let settle: { resolve: (c: ReceivedCallback) => void; reject: (e: AppError) => void } | undefined
  const callback = new Promise<ReceivedCallback>((resolve, reject) => {
    settle = { resolve, reject }
  })
  // Callers may cancel without awaiting; never leave an unhandled rejection behind.
  callback.catch(() => {})

  const callbackPath = `/callback/${randomPathSegment()}`
  let expectedHost = ''
  let redirectUri = ''
  let done = false
  let timer: NodeJS.Timeout | undefined

  const refuse = (req: IncomingMessage, res: ServerResponse, status: 400 | 404, reason: string) => {
    options.log.warn(
      `loopback listener: refused a ${String(req.method).slice(0, 10)} request (${reason}); Host ${loggableHost(req.headers.host)}`,
    )
    res
      .writeHead(status, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      })
      .end(refusalText(status))
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.host?.toLowerCase() !== expectedHost) return refuse(req, res, 400, 'wrong Host header')
    let url: URL
    try {
      url = new URL(req.url ?? '/', redirectUri)
    } catch {
      return refuse(req, res, 400, 'malformed request target')
    }
    if (req.method !== 'GET') return refuse(req, res, 404, 'wrong method')
    if (!sameSecret(url.pathname, callbackPath)) return refuse(req, res, 404, 'wrong path')
    const state = url.searchParams.get('state')
    if (state === null) return refuse(req, res, 400, 'no state')
    if (!sameSecret(state, options.expectedState)) return refuse(req, res, 400, 'wrong state')
    if (done) return refuse(req, res, 404, 'the sign-in is no longer waiting')
    done = true
    clearTimeout(timer)
    let answered = false
    settle?.resolve({
      url: new URL(`${redirectUri}${url.search}`),
      finish(outcome) {
        if (answered) return
        answered = true
        res
          .writeHead(outcome.ok ? 200 : 400, {
            'content-type': 'text/html; charset=utf-8',
            'cache-control': 'no-store',
            'referrer-policy': 'no-referrer',
          })
          .end(callbackPage(outcome), () => close())
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
  expectedHost = `127.0.0.1:${port}`
  redirectUri = `http://${expectedHost}${callbackPath}`
  const wait =
    options.timeoutMs % 60_000 === 0
      ? `${options.timeoutMs / 60_000} minute${options.timeoutMs === 60_000 ? '' : 's'}`
      : `${Math.round(options.timeoutMs / 1000)} seconds`
  timer = setTimeout(
    () => cancel(`Sign-in timed out: nothing came back from the browser within ${wait}.`),
    options.timeoutMs,
  )
  timer.unref()
  return { redirectUri, callback, cancel }
}
