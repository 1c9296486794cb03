import { clipboard, shell, type BrowserWindow } from 'electron'
import { AppError } from '../core/errors'
import type { PlatformPort } from '../core/platform'
import { isAllowedExternalUrl } from '../core/security/external-url'
import type { TestHooks } from './test-hooks'

/**
 * The desktop as the core sees it. Electron's clipboard writes one format at a time, so the
 * "concealed" hints (macOS org.nspasteboard.ConcealedType, Windows
 * ExcludeClipboardContentFromMonitorProcessing) cannot be added beside the text here.
 */
export function electronPlatform(window: () => BrowserWindow | undefined, testHooks?: TestHooks): PlatformPort {
  return {
    async openExternal(url) {
      if (!isAllowedExternalUrl(url)) throw new AppError('FORBIDDEN', 'Keywarden only opens https links (or http on this computer) in the browser.')
      if (testHooks) return testHooks.openExternal(url)
      await shell.openExternal(url)
    },
    clipboard: {
      writeSecret: async (text) => clipboard.writeText(text),
      readText: async () => clipboard.readText(),
      clear: async () => clipboard.clear(),
    },
    setContentProtection(on) {
      testHooks?.contentProtectionSet(on)
      window()?.setContentProtection(on)
    },
  }
}
