import type { z } from 'zod'
import type { ErrorCode } from '../../../shared/domain/errors'
import { AppError, describeError } from '../errors'

export interface AccessTokenSource {
  accessToken(): Promise<string>
  renewAfterRejection(rejected: string): Promise<string>
}

export interface ApiRequest<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** Relative to the profile's API base URL, or absolute on the same origin (HAL links). */
  path: string
  body?: unknown
  /** What the answer must look like; anything else is a BAD_RESPONSE naming the call. */
  schema: z.ZodType<T>
  /** Names the call in error messages, e.g. "list keys". */
  call: string
}

const DEFAULT_TIMEOUT_MS = 15_000

function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422 || status === 413) return 'VALIDATION'
  if (status === 401) return 'UNAUTHENTICATED'
  if (status === 403) return 'FORBIDDEN'
  if (status === 404) return 'NOT_FOUND'
  if (status === 409) return 'CONFLICT'
  return 'SERVER'
}

/** The server's own message from `{"error": {"message"}}`, kept for the user. */
function serverMessage(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error
    if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message
    if (typeof error === 'string') return error
  }
  return undefined
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
    const url = this.resolve(request.path)
    let token = await this.tokens.accessToken()
    let response = await this.send(url, request, token)
    if (response.status === 401) {
      // One renewal and one retry; a second 401 means the session is really gone.
      token = await this.tokens.renewAfterRejection(token)
      response = await this.send(url, request, token)
    }
    const body = await this.readBody(response, request)
    if (!response.ok) {
      const message = serverMessage(body) ?? `${response.status} ${response.statusText}`
      throw new AppError(codeForStatus(response.status), `${this.profileName}: could not ${request.call}: ${message}`)
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
    try {
      return await fetch(url, {
        method: request.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      })
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') {
        throw new AppError('TIMEOUT', `${this.profileName}: ${url.origin} did not answer within ${this.timeoutMs / 1000} seconds (${request.call}).`)
      }
      throw new AppError('NETWORK', `${this.profileName}: cannot reach ${url.origin} (${request.call}): ${describeError(error)}`, undefined, { cause: error })
    }
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
