import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, ipcMain, session, type BrowserWindow } from 'electron'
import Store from 'electron-store'
import { channelOfEvent } from '../../shared/contract'
import { createAppCore } from '../core/app-core'
import { consoleLogger } from '../core/log'
import type { EventSink } from '../core/platform'
import { KEYCHAIN_SERVICE, keytarBackend } from '../core/vault/keytar-backend'
import { registerIpc } from './ipc'
import { electronPlatform } from './platform'
import { registerAppScheme, serveRenderer } from './protocol'
import { denyAllPermissions, guardNavigation } from './security'
import { applyTestUserData, createTestHooks } from './test-hooks'
import { electronUpdaterPort } from './updater'
import { createMainWindow, preloadPathFrom } from './window'

/** The composition root: builds the services, registers IPC, opens the window. Nothing else lives here. */
const log = consoleLogger('main')
const mainDir = fileURLToPath(new URL('.', import.meta.url))
const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:4010'
applyTestUserData()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  guardNavigation(log)
  let mainWindow: BrowserWindow | undefined

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession)
    serveRenderer(join(mainDir, '../renderer'))
    const emit: EventSink = (name, payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channelOfEvent(name), payload)
    }
    const core = createAppCore({
      settings: new Store({ name: 'settings' }),
      keychain: keytarBackend,
      keychainService: process.env.KEYWARDEN_KEYCHAIN_SERVICE ?? KEYCHAIN_SERVICE,
      platform: electronPlatform(() => mainWindow, createTestHooks()),
      updater: app.isPackaged ? electronUpdaterPort(() => mainWindow, log) : undefined,
      dataDir: app.getPath('userData'),
      emit,
      log,
      // `npm start` connects to the local sandbox; a packaged app starts with the profiles the user adds.
      sandboxUrl: process.env.KEYWARDEN_SANDBOX_URL ?? (app.isPackaged ? undefined : DEFAULT_SANDBOX_URL),
    })
    registerIpc(ipcMain, core.handlers, log)
    mainWindow = createMainWindow(preloadPathFrom(mainDir))
    let disposed = false
    app.on('before-quit', (event) => {
      // Clear a secret we put on the clipboard before the process goes.
      if (disposed) return
      event.preventDefault()
      disposed = true
      void core.dispose().finally(() => app.quit())
    })
  })

  app.on('window-all-closed', () => app.quit())
}
