/** The renderer is served from this custom protocol, never from file://. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'keywarden'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** The content security policy of every renderer page: no inline script, no eval, no remote code. */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')

/** An IPC sender is trusted only when it is our app origin and the top frame. */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  if (!isMainFrame || !frameUrl) return false
  return isAppUrl(frameUrl)
}

/** True for URLs of our own renderer. (`URL.origin` is "null" for custom schemes in Node, so compare parts.) */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw)
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === ''
  } catch {
    return false
  }
}
