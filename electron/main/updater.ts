import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron'
import electronUpdater from 'electron-updater'
import type { Logger } from '@core/log'
import type { UpdaterEvent, UpdaterPort } from '@core/updates/updater-port'

/**
 * electron-updater behind the core's updater port. Built only in packaged runs: `autoUpdater` is
 * created on first access, so development runs never instantiate it.
 *
 * Verification stays electron-updater's: every download is checked against the sha512 in the
 * release's latest*.yml, on Windows against the code-signing publisher of the running app, and on
 * macOS by Squirrel.Mac against the app's own signature. `update-downloaded` comes only after that.
 */
export function electronUpdaterPort(window: () => BrowserWindow | undefined, log: Logger): UpdaterPort {
  const updater = electronUpdater.autoUpdater
  updater.logger = {
    info: (message?: unknown) => log.info(`updater: ${String(message)}`),
    warn: (message?: unknown) => log.warn(`updater: ${String(message)}`),
    error: (message?: unknown) => log.error(`updater: ${String(message)}`),
  }
  updater.autoDownload = true
  // A verified download the user put off ("Later") installs when they quit.
  updater.autoInstallOnAppQuit = true
  // Web installers may skip signature verification: never load one.
  updater.disableWebInstaller = true
  updater.allowDowngrade = false

  return {
    setChannel(channel) {
      updater.allowPrerelease = channel === 'beta'
      updater.channel = channel === 'beta' ? 'beta' : 'latest'
      // Setting a channel turns downgrades on; a channel switch must never install an older build.
      updater.allowDowngrade = false
    },
    async check() {
      await updater.checkForUpdates()
    },
    onEvent(listener: (event: UpdaterEvent) => void) {
      updater.on('checking-for-update', () => listener({ kind: 'checking' }))
      updater.on('update-available', (info) => listener({ kind: 'available', version: info.version }))
      updater.on('update-not-available', () => listener({ kind: 'not-available' }))
      updater.on('update-downloaded', (event) => listener({ kind: 'downloaded', version: event.version }))
      updater.on('error', (error) => {
        const code = (error as Error & { code?: unknown }).code
        listener({ kind: 'error', message: error.message, ...(typeof code === 'string' ? { code } : {}) })
      })
    },
    async askToRestart(version) {
      const options: MessageBoxOptions = {
        type: 'question',
        buttons: ['Restart now', 'Later'],
        defaultId: 0,
        cancelId: 1,
        title: 'Update ready',
        message: `Keywarden ${version} is ready to install.`,
        detail: 'Restart now to install it. If you choose Later, it installs when you quit Keywarden.',
      }
      const parent = window()
      const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
      return response === 0
    },
    quitAndInstall() {
      updater.quitAndInstall()
    },
  }
}
