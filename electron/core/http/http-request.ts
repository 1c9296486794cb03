import type { z } from 'zod'
import { insecureTransportReason, isSecureOrLoopbackUrl } from '@shared/domain/transport'
import { AppError, describeError } from '../errors'
import { statusError } from './http-errors'

export const DEFAULT_TIMEOUT_MS = 15_000

/** Who asks and what for; every error message names both (e.g. "Work API: … (list keys)"). */
export interface HttpCall {
  /** The profile's name. */
  who: string
  /** Names the call, e.g. "list keys", "sign in with the API key". */
  call: string
}

export interface HttpRequest extends HttpCall {
  url: URL
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  headers?: Record<string, string>
  /** Sent as JSON. */
  body?: unknown
  timeoutMs: number
  /** Cancels the request when the user switches away. */
  signal?: AbortSignal
}

/**
 * A bearer token, an API key or a secret never goes over plain http to another machine. Profiles
 * are checked when saved; this catches ones stored before that rule, and any link that would lead off.
 */
export function assertSecureTransport(url: URL, { who, call }: HttpCall): void {
  if (isSecureOrLoopbackUrl(url)) return
  throw new AppError(
    'FORBIDDEN',
    `${who}: refusing to ${call} over plain http at ${url.origin}: ${insecureTransportReason('API base URL')} Edit the profile to use https.`,
    { apiBaseUrl: insecureTransportReason('API base URL') },
  )
}

/**
 * One HTTP exchange: the transport rule, a timeout, no redirects, and every way it can fail
 * (cancelled, timed out, unreachable) as an AppError naming the server and the call. The answer is
 * read by `read` within the same time limit; the limit and the cancel end as soon as it is read.
 * One AbortController per exchange, with a plain timer and a listener on the caller's signal, both
 * let go at the end: AbortSignal.timeout and AbortSignal.any cost a bulk run twice as much per
 * request (their timers, weak references and finalizers outlive the request by the whole time limit).
 */
export async function exchangeHttp<T>(request: HttpRequest, read: (response: Response) => Promise<T>): Promise<T> {
  if (request.signal?.aborted) throw cancelled(request)
  assertSecureTransport(request.url, request)
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new DOMException(`${request.call} timed out`, 'TimeoutError'))
  }, request.timeoutMs)
  const cancel = () => controller.abort(request.signal?.reason)
  request.signal?.addEventListener('abort', cancel, { once: true })
  try {
    const response = await send(request, controller.signal, () => timedOut)
    try {
      return await read(response)
    } catch (error) {
      // Cancelled or out of time while the answer arrived: told as a cancel or a time-out, as before it arrived.
      if (request.signal?.aborted) throw cancelled(request)
      if (timedOut) throw notAnswered(request)
      throw error
    }
  } finally {
    clearTimeout(timer)
    request.signal?.removeEventListener('abort', cancel)
  }
}

async function send(request: HttpRequest, signal: AbortSignal, timedOut: () => boolean): Promise<Response> {
  const { url, who, call } = request
  try {
    return await fetch(url, {
      method: request.method,
      headers: {
        ...request.headers,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
      redirect: 'error',
    })
  } catch (error) {
    if (request.signal?.aborted) throw cancelled(request)
    if (timedOut()) throw notAnswered(request)
    throw new AppError('NETWORK', `${who}: cannot reach ${url.origin} (${call}): ${describeError(error)}`, undefined, {
      cause: error,
    })
  }
}

function notAnswered({ who, call, url, timeoutMs }: HttpRequest): AppError {
  return new AppError('TIMEOUT', `${who}: ${url.origin} did not answer within ${timeoutMs / 1000} seconds (${call}).`)
}

function cancelled({ who, call }: HttpCall): AppError {
  return new AppError('CANCELLED', `${who}: ${call} was cancelled.`)
}

/**
 * The answer's JSON, checked against `schema`: an error status becomes its AppError (with the
 * server's message), anything unreadable a BAD_RESPONSE naming the call.
 */
export async function readAnswer<T>(response: Response, schema: z.ZodType<T>, { who, call }: HttpCall): Promise<T> {
  const prefix = `${who}: could not ${call}: `
  let text: string
  try {
    text = await response.text()
  } catch (error) {
    // A cancel or time-out while reading goes on as it was; a broken connection is a network failure.
    if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) throw error
    throw new AppError(
      'NETWORK',
      `${prefix}the connection broke while the answer arrived (${describeError(error)}).`,
      undefined,
      {
        cause: error,
      },
    )
  }
  let body: unknown
  if (text.length > 0) {
    try {
      body = JSON.parse(text) as unknown
    } catch {
      if (response.ok)
        throw new AppError('BAD_RESPONSE', `${prefix}the server answered with something other than JSON.`)
    }
  }
  if (!response.ok)
    throw statusError(response.status, response.statusText, body, prefix, response.headers.get('retry-after'))
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
    throw new AppError(
      'BAD_RESPONSE',
      `${prefix}the server's answer was not understood (${issue?.message ?? 'unexpected shape'}${where}).`,
    )
  }
  return parsed.data
}
