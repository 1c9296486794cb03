/**
 * Where Keywarden may send a token, an API key or a secret: over https anywhere, and over plain
 * http only to this computer's loopback address (the local sandbox). One rule, shared by the
 * profile form (zod), the request layer and the sign-in connector.
 */

/** 127.0.0.1 (and the rest of 127.0.0.0/8), [::1] and localhost; nothing that merely starts like them. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true
  const parts = host.split('.')
  return (
    parts.length === 4 && parts[0] === '127' && parts.every((part) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(part))
  )
}

/** True for an https URL, or an http URL on the loopback address; no credentials in the URL. */
export function isSecureOrLoopbackUrl(raw: string | URL): boolean {
  let url: URL
  try {
    url = typeof raw === 'string' ? new URL(raw) : raw
  } catch {
    return false
  }
  if (url.username !== '' || url.password !== '') return false
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && isLoopbackHost(url.hostname)
}

/** The sentence every refusal uses, so the form, the log and the request layer say the same thing. */
export const insecureTransportReason = (what: string): string =>
  `The ${what} must use https: plain http is allowed only on this computer's loopback address (127.0.0.1, [::1] or localhost), because tokens, keys and secrets would cross the network unencrypted.`
