import { shell } from 'electron'
import { AppError } from '../core/errors'
import type { PlatformPort } from '../core/platform'
import { isAllowedExternalUrl } from '../core/security/external-url'

export const electronPlatform: PlatformPort = {
  async openExternal(url) {
    if (!isAllowedExternalUrl(url)) throw new AppError('FORBIDDEN', 'Keywarden only opens https links (or http on this computer) in the browser.')
    await shell.openExternal(url)
  },
}
