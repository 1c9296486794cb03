import type { z } from 'zod'
import { AppError } from '../errors'
import {
  assertSecureTransport,
  DEFAULT_TIMEOUT_MS,
  exchangeHttp,
  readAnswer,
  type HttpCall,
  type HttpRequest,
} from './http-request'
import { withRetries } from './retry'

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

/** HTTP to one profile's API from the main process: the bearer token never leaves this object. */
export class ApiClient {
  /** The base URL, parsed at the first request (not in the constructor: a bad one fails that request, as before). */
  private base: URL | undefined

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
    return withRetries(() => this.attempt(request), { retriable, signal: request.signal })
  }

  /**
   * One GET authenticated by the given headers instead of the session (trying a key). The answer
   * is shortened, and every occurrence of `conceal` is masked so a key never travels back in it.
   */
  async probe(
    path: string,
    headers: Record<string, string>,
    conceal: readonly string[],
    signal?: AbortSignal,
  ): Promise<{ request: string; status: number; body: string }> {
    const url = this.resolve(path)
    const request = {
      url,
      method: 'GET',
      headers,
      timeoutMs: this.timeoutMs,
      signal,
      ...this.named('try the key'),
    } as const
    const { status, text } = await exchangeHttp(request, async (response) => ({
      status: response.status,
      text: await response.text(),
    }))
    let body = text.slice(0, 2000)
    for (const secret of conceal) if (secret.length > 0) body = body.replaceAll(secret, '[the key]')
    return { request: `GET ${url.pathname}`, status, body }
  }

  private async attempt<T>(request: ApiRequest<T>): Promise<T> {
    const url = this.resolve(request.path)
    const named = this.named(request.call)
    // Before the token is even fetched: a profile stored before the rule existed gets this error, not a leak.
    assertSecureTransport(url, named)
    const token = await this.tokens.accessToken()
    // A 401 is not read: its exchange ends, and the request goes once more with a renewed token.
    const first = await exchangeHttp(this.exchange(url, request, token), async (response) => {
      if (response.status !== 401) return { answer: await readAnswer(response, request.schema, named) }
      await response.body?.cancel()
      return null
    })
    if (first) return first.answer
    // One renewal and one retry; a second 401 means the session is really gone.
    const renewed = await this.tokens.renewAfterRejection(token)
    return exchangeHttp(this.exchange(url, request, renewed), (response) => readAnswer(response, request.schema, named))
  }

  private resolve(path: string): URL {
    const base = (this.base ??= new URL(this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`))
    const url = new URL(path.replace(/^\//, ''), base)
    if (url.origin !== base.origin)
      throw new AppError(
        'BAD_RESPONSE',
        `${this.profileName}: refusing to follow a link to another server (${url.origin}).`,
      )
    return url
  }

  private exchange(url: URL, request: ApiRequest<unknown>, token: string): HttpRequest {
    return {
      url,
      method: request.method,
      headers: {
        ...request.headers,
        authorization: `Bearer ${token}`,
        ...(request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {}),
      },
      body: request.body,
      timeoutMs: this.timeoutMs,
      signal: request.signal,
      ...this.named(request.call),
    }
  }

  private named(call: string): HttpCall {
    return { who: this.profileName, call }
  }
}
