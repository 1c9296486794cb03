import { AppError } from '../errors'
import { redact, type Logger } from '../log'
import type { PlatformPort } from '../platform'
import { externalUrlVerdict } from './external-url'

/**
 * The platform as the rest of the core sees it, with `openExternal` behind the external-URL policy:
 * the issuer-supplied sign-in URL must be on the active profile's issuer origin, and anything else
 * must be on the allow-list. Both the Electron shell and the browser host get this, since both
 * hand their platform to createAppCore.
 */
export function withExternalUrlPolicy(
  platform: PlatformPort,
  activeIssuer: () => string | undefined,
  log: Logger,
): PlatformPort {
  return {
    ...platform,
    async openExternal(url) {
      const verdict = externalUrlVerdict(url, { issuer: activeIssuer() })
      if (!verdict.allowed) {
        log.warn(`refused to open ${redact(url)} in the browser: ${verdict.reason}`)
        throw new AppError('FORBIDDEN', `Keywarden did not open that link: ${verdict.reason}.`)
      }
      await platform.openExternal(url)
    },
  }
}
