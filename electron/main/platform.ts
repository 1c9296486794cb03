import { clipboard, ClipboardItem, dialog, shell, type BrowserWindow, type OpenDialogOptions } from 'electron'
import type { ScreenCaptureProtection } from '@shared/contract'
import { AppError } from '@core/errors'
import type { PlatformPort } from '@core/platform'
import { isAllowedExternalUrl } from '@core/security/external-url'
import { concealmentMarkers } from './concealed-clipboard'
import { saveFileWithDialog } from './save-file'

/** `setContentProtection` works on macOS and Windows only (Electron's docs); elsewhere it does nothing. */
export function screenCaptureProtectionOn(platform: NodeJS.Platform): ScreenCaptureProtection {
  if (platform === 'darwin') return { available: true, where: 'on macOS' }
  if (platform === 'win32') return { available: true, where: 'on Windows' }
  return { available: false, where: platform === 'linux' ? 'on Linux' : 'on this system' }
}
import type { TestHooks } from './test-hooks'
import { electronUserVerification } from './user-verification'

/**
 * The desktop as the core sees it. Which links may open is decided in the core (app-core wraps
 * openExternal with the issuer/allow-list policy); this keeps only the floor: http(s) without
 * credentials. Secrets go on the clipboard with the platform's concealment markers
 * (concealed-clipboard.ts says exactly what is and is not marked).
 */
export function electronPlatform(
  window: () => BrowserWindow | undefined,
  testHooks?: TestHooks,
  platform: NodeJS.Platform = process.platform,
): PlatformPort {
  return {
    async openExternal(url) {
      if (!isAllowedExternalUrl(url))
        throw new AppError('FORBIDDEN', 'Keywarden only opens https links (or http on this computer) in the browser.')
      if (testHooks) return testHooks.openExternal(url)
      await shell.openExternal(url)
    },
    clipboard: {
      writeSecret: (text) =>
        clipboard.write([new ClipboardItem({ 'text/plain': text, ...concealmentMarkers(platform) })]),
      readText: () => clipboard.readText(),
      clear: async () => clipboard.clear(),
    },
    setContentProtection(on) {
      testHooks?.contentProtectionSet(on)
      window()?.setContentProtection(on)
    },
    screenCaptureProtection: screenCaptureProtectionOn(platform),
    ...optional('userVerification', electronUserVerification(platform)),
    async pickFolder() {
      const options: OpenDialogOptions = { title: 'Choose a folder to scan', properties: ['openDirectory'] }
      const parent = window()
      const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null)
    },
    async showItemInFolder(path) {
      shell.showItemInFolder(path)
    },
    saveFile: (suggestedName, content, filters) => saveFileWithDialog(window(), suggestedName, content, filters),
  }
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
