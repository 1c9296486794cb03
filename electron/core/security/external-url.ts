/**
 * Which URLs may be handed to the system browser: https anywhere, and http only on the loopback
 * address (the local sandbox). Nothing else: no file:, no custom schemes, no credentials in the URL.
 */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.username !== '' || url.password !== '') return false
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost')
}
