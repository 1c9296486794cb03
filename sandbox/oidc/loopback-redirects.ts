import type { Provider } from 'oidc-provider'

/** One path segment of 1 to 128 base64url characters, as a native app's per-attempt callback path has. */
const ATTEMPT_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/

/**
 * For native clients (RFC 8252 §7.3), oidc-provider already accepts a registered loopback redirect
 * URI on any port. This also accepts one extra path segment below it, so the app can use a random
 * callback path per sign-in attempt (`http://127.0.0.1:<port>/callback/<random>`) that another
 * local process cannot guess. Only http on 127.0.0.1 or [::1], no query, no fragment, no userinfo.
 */
export function allowPerAttemptLoopbackPaths(provider: Provider): void {
  const prototype = provider.Client.prototype
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the client as `this`
  const original = prototype.redirectUriAllowed
  prototype.redirectUriAllowed = function redirectUriAllowed(value: string): boolean {
    return (
      original.call(this, value) || (this.applicationType === 'native' && isAttemptPathBelow(value, this.redirectUris))
    )
  }
}

function isAttemptPathBelow(value: string, registered: readonly string[]): boolean {
  const uri = parseUrl(value)
  if (!uri || uri.protocol !== 'http:' || !['127.0.0.1', '[::1]'].includes(uri.hostname)) return false
  if (uri.search || uri.hash || uri.username || uri.password || value.includes('#') || value.includes('?')) return false
  const cut = uri.pathname.lastIndexOf('/')
  const parent = uri.pathname.slice(0, cut)
  if (!ATTEMPT_SEGMENT.test(uri.pathname.slice(cut + 1))) return false
  return registered.some((allowed) => {
    const base = parseUrl(allowed)
    return (
      base !== null &&
      base.protocol === 'http:' &&
      base.hostname === uri.hostname &&
      base.port === '' &&
      base.pathname === parent &&
      !base.search
    )
  })
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value)
  } catch {
    return null
  }
}
