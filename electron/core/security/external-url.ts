import { isSecureOrLoopbackUrl } from '@shared/domain/transport'

/**
 * The app's own pages that may open in the system browser without a sign-in going on (help links
 * in the renderer). Keep this list short: every entry is a place a crafted link can send the user.
 */
export const EXTERNAL_URL_ALLOW_LIST: readonly string[] = ['https://keywarden.dev/help/']

/**
 * Which URLs may be handed to a browser at all: https anywhere, and http only on the loopback
 * address (the local sandbox). Nothing else: no file:, no custom schemes, no credentials in the URL.
 * This is the floor; `externalUrlVerdict` decides what is actually opened.
 */
export function isAllowedExternalUrl(raw: string): boolean {
  return isSecureOrLoopbackUrl(raw)
}

export type ExternalUrlVerdict = { allowed: true } | { allowed: false; reason: string }

/** True when `url` is on the allow-list: same origin, and inside the listed path. */
function onAllowList(url: URL, allowList: readonly string[]): boolean {
  return allowList.some((entry) => {
    const allowed = new URL(entry)
    return url.origin === allowed.origin && url.pathname.startsWith(allowed.pathname)
  })
}

/**
 * What may reach `shell.openExternal`: a URL on the issuer's origin of the profile that is signing
 * in (the authorization request), or one on the allow-list. Everything else is refused.
 */
export function externalUrlVerdict(
  raw: string,
  context: { issuer?: string | undefined; allowList?: readonly string[] } = {},
): ExternalUrlVerdict {
  if (!isAllowedExternalUrl(raw))
    return { allowed: false, reason: 'only https links (or http on this computer) open in the browser' }
  const url = new URL(raw)
  if (context.issuer !== undefined && URL.canParse(context.issuer) && url.origin === new URL(context.issuer).origin)
    return { allowed: true }
  if (onAllowList(url, context.allowList ?? EXTERNAL_URL_ALLOW_LIST)) return { allowed: true }
  return {
    allowed: false,
    reason:
      context.issuer === undefined
        ? 'it is not one of Keywarden’s own pages'
        : 'it is neither on the sign-in server of the active profile nor one of Keywarden’s own pages',
  }
}
