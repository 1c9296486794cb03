import type { z } from 'zod'
import type { ErrorCode } from '../../../shared/domain/errors'
import { isSecureOrLoopbackUrl } from '../../../shared/domain/transport'
import { AppError, describeError } from '../errors'
import { backoffDelays, sleep } from './backoff'

export interface AccessTokenSource {
  accessToken(): Promise<string>
  renewAfterRejection(rejected: string): Promise<string>
}

export interface ApiRequest<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** Relative to the profile's API base URL; a leading "/" is relative to it too (HAL links). */
  path: string
  body?: unknown
  /** What the answer must look like; anything else is a BAD_RESPONSE naming the call. */
  schema: z.ZodType<T>
  /** Names the call in error messages, e.g. "list keys". */
  call: string
  headers?: Record<string, string>
  /** Sent as `Idempotency-Key`; makes a create safe to retry. */
  idempotencyKey?: string
  /** Cancels the request (and its retries) when the user switches away. */
  signal?: AbortSignal
}

const DEFAULT_TIMEOUT_MS = 15_000
const RETRIABLE_STATUSES = new Set([502, 503, 504])

function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422 || status === 413) return 'VALIDATION'
  if (status === 401) return 'UNAUTHENTICATED'
  if (status === 403) return 'FORBIDDEN'
  if (status === 404) return 'NOT_FOUND'
  if (status === 409) return 'CONFLICT'
  return 'SERVER'
}

interface ServerError {
  message?: string
  field?: string
}

/** The server's own message (and the field it names) from `{"error": {message, details}}`. */
function serverError(body: unknown): ServerError {
  if (typeof body !== 'object' || body === null || !('error' in body)) return {}
  const error = (body as { error: unknown }).error
  if (typeof error === 'string') return { message: error }
  if (typeof error !== 'object' || error === null) return {}
  const { message, details } = error as { message?: unknown; details?: unknown }
  const field = typeof details === 'object' && details !== null && 'field' in details && typeof details.field === 'string' ? details.field : undefined
  return { ...(typeof message === 'string' ? { message } : {}), ...(field ? { field } : {}) }
}

/** HTTP to one profile's API from the main process: the bearer token never leaves this object. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly profileName: string,
    private readonly tokens: AccessTokenSource,
    private readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
  ) {}

  async request<T>(request: ApiRequest<T>): Promise<T> {
    // Only requests that cannot have an effect twice are retried: reads, and creates that carry an
    // Idempotency-Key (the server answers a repeat with the first result).
    const retriable = request.method === 'GET' || request.idempotencyKey !== undefined
    const delays = retriable ? backoffDelays() : []
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(request)
      } catch (error) {
        const transient = error instanceof TransientServerError || (error instanceof AppError && (error.code === 'NETWORK' || error.code === 'TIMEOUT'))
        const delay = delays[attempt]
        if (!transient || delay === undefined) throw error
        await sleep(delay, request.signal)
      }
    }
  }

  /**
   * One GET authenticated by the given headers instead of the session (trying a key). The answer
   * is shortened, and every occurrence of `conceal` is masked so a key never travels back in it.
   */
  async probe(path: string, headers: Record<string, string>, conceal: readonly string[], signal?: AbortSignal): Promise<{ request: string; status: number; body: string }> {
    const url = this.resolve(path)
    this.assertSecureTransport(url, 'try the key')
    const timeout = AbortSignal.timeout(this.timeoutMs)
    let response: Response
    try {
      response = await fetch(url, { headers: { ...headers, accept: 'application/json' }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout, redirect: 'error' })
    } catch (error) {
      throw new AppError('NETWORK', `${this.profileName}: cannot reach ${url.origin} (try the key): ${describeError(error)}`, undefined, { cause: error })
    }
    let body = (await response.text()).slice(0, 2000)
    for (const secret of conceal) if (secret.length > 0) body = body.replaceAll(secret, '[the key]')
    return { request: `GET ${url.pathname}`, status: response.status, body }
  }

  private async attempt<T>(request: ApiRequest<T>): Promise<T> {
    const url = this.resolve(request.path)
    // Before the token is even fetched: a profile stored before the rule existed gets this error, not a leak.
    this.assertSecureTransport(url, request.call)
    let token = await this.tokens.accessToken()
    let response = await this.send(url, request, token)
    if (response.status === 401) {
      // One renewal and one retry; a second 401 means the session is really gone.
      token = await this.tokens.renewAfterRejection(token)
      response = await this.send(url, request, token)
    }
    const body = await this.readBody(response, request)
    if (!response.ok) {
      const { message, field } = serverError(body)
      const ErrorType = RETRIABLE_STATUSES.has(response.status) ? TransientServerError : AppError
      throw new ErrorType(
        codeForStatus(response.status),
        `${this.profileName}: could not ${request.call}: ${message ?? `${response.status} ${response.statusText}`}`,
        field && message ? { [field]: message } : undefined,
      )
    }
    const parsed = request.schema.safeParse(body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
      throw new AppError('BAD_RESPONSE', `${this.profileName}: could not ${request.call}: the server's answer was not understood (${issue?.message ?? 'unexpected shape'}${where}).`)
    }
    return parsed.data
  }

  private resolve(path: string): URL {
    const base = new URL(this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`)
    const url = new URL(path.replace(/^\//, ''), base)
    if (url.origin !== base.origin) throw new AppError('BAD_RESPONSE', `${this.profileName}: refusing to follow a link to another server (${url.origin}).`)
    return url
  }

  private async send(url: URL, request: ApiRequest<unknown>, token: string): Promise<Response> {
    if (request.signal?.aborted) throw this.cancelled(request)
    this.assertSecureTransport(url, request.call)
    const timeout = AbortSignal.timeout(this.timeoutMs)
    try {
      return await fetch(url, {
        method: request.method,
        headers: {
          ...request.headers,
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {}),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
        redirect: 'error',
      })
    } catch (error) {
      if (request.signal?.aborted) throw this.cancelled(request)
      if (timeout.aborted) {
        throw new AppError('TIMEOUT', `${this.profileName}: ${url.origin} did not answer within ${this.timeoutMs / 1000} seconds (${request.call}).`)
      }
      throw new AppError('NETWORK', `${this.profileName}: cannot reach ${url.origin} (${request.call}): ${describeError(error)}`, undefined, { cause: error })
    }
  }

  /**
   * A bearer token, an API key or a secret never goes over plain http to another machine. Profiles
   * are checked when saved; this catches ones stored before that rule, and any link that would lead off.
   */
  private assertSecureTransport(url: URL, call: string): void {
    if (isSecureOrLoopbackUrl(url)) return
    throw new AppError(
      'FORBIDDEN',
      `${this.profileName}: refusing to ${call} over plain http at ${url.origin}: tokens and keys would cross the network unencrypted. Edit the profile to use https (plain http is allowed only on this computer's loopback address).`,
      { apiBaseUrl: 'Use an https URL (plain http only on 127.0.0.1, [::1] or localhost).' },
    )
  }

  private cancelled(request: ApiRequest<unknown>): AppError {
    return new AppError('CANCELLED', `${this.profileName}: ${request.call} was cancelled.`)
  }

  private async readBody(response: Response, request: ApiRequest<unknown>): Promise<unknown> {
    const text = await response.text()
    if (text.length === 0) return undefined
    try {
      return JSON.parse(text) as unknown
    } catch {
      if (!response.ok) return undefined
      throw new AppError('BAD_RESPONSE', `${this.profileName}: could not ${request.call}: the server answered with something other than JSON.`)
    }
  }
}

/** A gateway or proxy failure (502/503/504) that may pass: worth a retry where retrying is safe. */
class TransientServerError extends AppError {}
