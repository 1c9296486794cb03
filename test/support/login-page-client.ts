/**
 * Signs in through the sandbox's login page without a browser, like a user would:
 * GET the authorization URL → follow redirects to /interaction/:uid (the login page) → POST the
 * form → follow redirects (consent is automatic for the desktop client) → the redirect that leaves
 * the sandbox (the app's loopback `http://127.0.0.1:<port>/callback?...`) is really requested, so
 * the app's listener receives it.
 *
 *   const { callbackUrl } = await signInThroughLoginPage(authorizationUrl, { username: 'viewer', password: 'keywarden' })
 *
 * Wrong credentials throw a LoginRejectedError carrying the 401 page: its message contains the
 * page's alert ("Invalid username or password."), so
 *   await expect(signInThroughLoginPage(url, badUser)).rejects.toThrow('Invalid username or password.')
 * Pass several credentials to retry on the same login page (the app keeps waiting meanwhile); the
 * rejected ones are counted in `rejectedAttempts`. When the sandbox throttles the sign-in (too many
 * failures: HTTP 429), the LoginRejectedError has status 429 and `retryAfterSeconds` from Retry-After.
 */

export interface Credentials {
  username: string
  password: string
}

export interface SignInResult {
  /** The callback URL the sandbox redirected to, after it was requested. */
  callbackUrl: URL
  /** Status and HTML of the login page as first shown (before any attempt). */
  loginPageStatus: number
  loginPageHtml: string
  /** Status of the callback request made to the app's loopback listener. */
  callbackStatus: number
  rejectedAttempts: number
}

export class LoginRejectedError extends Error {
  constructor(
    readonly status: number,
    readonly html: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`The sandbox login page rejected the sign-in (HTTP ${status}): ${pageAlert(html) ?? 'no message shown'}`)
    this.name = 'LoginRejectedError'
  }
}

const MAX_REDIRECTS = 20

export async function signInThroughLoginPage(
  authorizationUrl: string,
  user: Credentials | readonly Credentials[],
): Promise<SignInResult> {
  const attempts = Array.isArray(user) ? [...(user as readonly Credentials[])] : [user as Credentials]
  if (attempts.length === 0) throw new Error('signInThroughLoginPage needs at least one set of credentials')
  const sandboxOrigin = new URL(authorizationUrl).origin
  const jar = new CookieJar()

  let hop = await follow(jar, sandboxOrigin, new URL(authorizationUrl))
  if (hop.kind === 'left-sandbox')
    return { ...(await finish(hop.url)), loginPageStatus: 0, loginPageHtml: '', rejectedAttempts: 0 }
  const loginPageStatus = hop.response.status
  const loginPageHtml = await hop.response.text()
  const formAction = /<form[^>]*action="([^"]+)"/i.exec(loginPageHtml)?.[1]
  if (loginPageStatus !== 200 || !formAction) {
    throw new Error(
      `Expected the sandbox login page, got HTTP ${loginPageStatus}: ${textOf(loginPageHtml).slice(0, 300)}`,
    )
  }
  const loginUrl = new URL(decodeHtml(formAction), hop.url)

  for (const [index, credentials] of attempts.entries()) {
    const body = new URLSearchParams({ username: credentials.username, password: credentials.password })
    const response = await request(jar, loginUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    })
    if (response.status === 429) {
      throw new LoginRejectedError(response.status, await response.text(), Number(response.headers.get('retry-after')))
    }
    if (response.status === 401) {
      const html = await response.text()
      if (index === attempts.length - 1) throw new LoginRejectedError(response.status, html)
      continue
    }
    hop = await followFrom(jar, sandboxOrigin, loginUrl, response)
    if (hop.kind === 'left-sandbox') {
      return { ...(await finish(hop.url)), loginPageStatus, loginPageHtml, rejectedAttempts: index }
    }
    const html = await hop.response.text()
    throw new Error(
      `Sign-in stopped at ${hop.url.pathname} with HTTP ${hop.response.status}: ${textOf(html).slice(0, 300)}`,
    )
  }
  throw new Error('unreachable')
}

type Hop = { kind: 'page'; url: URL; response: Response } | { kind: 'left-sandbox'; url: URL }

async function follow(jar: CookieJar, sandboxOrigin: string, url: URL): Promise<Hop> {
  return followFrom(jar, sandboxOrigin, url, await request(jar, url, { method: 'GET' }))
}

/** Follows redirects while they stay on the sandbox; stops at a page or at a redirect elsewhere. */
async function followFrom(jar: CookieJar, sandboxOrigin: string, url: URL, response: Response): Promise<Hop> {
  let current = url
  let res = response
  for (let i = 0; i < MAX_REDIRECTS; i++) {
    const location = res.headers.get('location')
    if (res.status < 300 || res.status >= 400 || !location) return { kind: 'page', url: current, response: res }
    await res.body?.cancel()
    current = new URL(location, current)
    if (current.origin !== sandboxOrigin) return { kind: 'left-sandbox', url: current }
    res = await request(jar, current, { method: 'GET' })
  }
  throw new Error(`More than ${MAX_REDIRECTS} redirects while signing in`)
}

async function finish(callbackUrl: URL): Promise<{ callbackUrl: URL; callbackStatus: number }> {
  const response = await fetch(callbackUrl, { redirect: 'manual' })
  await response.body?.cancel()
  return { callbackUrl, callbackStatus: response.status }
}

async function request(
  jar: CookieJar,
  url: URL,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<Response> {
  const cookie = jar.header(url)
  const response = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...init.headers, ...(cookie ? { cookie } : {}) },
  })
  jar.store(url, response.headers.getSetCookie())
  return response
}

/** Enough of RFC 6265 for one origin: name, value, path, expiry. */
class CookieJar {
  readonly #cookies = new Map<string, { value: string; path: string; origin: string }>()

  store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
      const eq = pair.indexOf('=')
      if (eq <= 0) continue
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      let path = url.pathname.replace(/\/[^/]*$/, '') || '/'
      let expired = value === ''
      for (const attribute of attributes) {
        const [key = '', attrValue = ''] = attribute.split('=')
        const lower = key.toLowerCase()
        if (lower === 'path' && attrValue.startsWith('/')) path = attrValue
        if (lower === 'max-age' && Number(attrValue) <= 0) expired = true
        if (lower === 'expires' && Date.parse(attribute.slice(attribute.indexOf('=') + 1)) <= Date.now()) expired = true
      }
      const key = `${url.origin} ${path} ${name}`
      if (expired) this.#cookies.delete(key)
      else this.#cookies.set(key, { value, path, origin: url.origin })
    }
  }

  header(url: URL): string {
    const pairs: string[] = []
    for (const [key, cookie] of this.#cookies) {
      const name = key.split(' ')[2] ?? ''
      const pathMatches =
        url.pathname === cookie.path ||
        url.pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`)
      if (cookie.origin === url.origin && pathMatches) pairs.push(`${name}=${cookie.value}`)
    }
    return pairs.join('; ')
  }
}

function pageAlert(html: string): string | undefined {
  const alert = /<[^>]*role="alert"[^>]*>([\s\S]*?)<\//i.exec(html)?.[1]
  return alert === undefined ? undefined : decodeHtml(alert).trim()
}

function textOf(html: string): string {
  return decodeHtml(html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
}

function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}
