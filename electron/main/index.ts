import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, ipcMain, Menu, Notification, powerMonitor, session, type BrowserWindow } from 'electron'
import Store from 'electron-store'
import { channelOfEvent } from '@shared/contract'
import { createAppCore } from '@core/app-core'
import { consoleLogger } from '@core/log'
import type { EventSink } from '@core/platform'
import { honouredEnvironment, ignoredVariables } from '@core/security/honoured-environment'
import { KEYCHAIN_SERVICE, keytarBackend } from '@core/vault/keytar-backend'
import { registerIpc } from './ipc'
import { applicationMenuTemplate } from './menu'
import { desktopNotifications } from './notifications'
import { electronPlatform } from './platform'
import { watchPowerEvents } from './power-events'
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

  // A packaged build ignores the development variables (sandbox URL, keychain service).
  const environment = honouredEnvironment(process.env, {
    isPackaged: app.isPackaged,
    defaultKeychainService: KEYCHAIN_SERVICE,
    defaultSandboxUrl: DEFAULT_SANDBOX_URL,
  })
  for (const name of ignoredVariables(process.env, app.isPackaged))
    log.warn(`ignoring ${name}: a packaged Keywarden does not honour development variables`)

  void app.whenReady().then(() => {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        applicationMenuTemplate({ isPackaged: app.isPackaged, platform: process.platform, appName: app.name }),
      ),
    )
    denyAllPermissions(session.defaultSession)
    serveRenderer(join(mainDir, '../renderer'))
    const emit: EventSink = (name, payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channelOfEvent(name), payload)
    }
    const core = createAppCore({
      settings: new Store({ name: 'settings' }),
      keychain: keytarBackend,
      keychainService: environment.keychainService,
      platform: {
        ...electronPlatform(() => mainWindow, createTestHooks()),
        ...desktopNotifications(Notification, app, () => mainWindow),
      },
      updater: app.isPackaged ? electronUpdaterPort(() => mainWindow, log) : undefined,
      dataDir: app.getPath('userData'),
      emit,
      log,
      // `npm start` connects to the local sandbox; a packaged app starts with the profiles the user adds.
      sandboxUrl: environment.sandboxUrl,
    })
    registerIpc(ipcMain, core.handlers, log)
    const stopPowerEvents = watchPowerEvents(powerMonitor, core.desktop)
    mainWindow = createMainWindow(preloadPathFrom(mainDir), { isPackaged: app.isPackaged })
    let disposed = false
    app.on('before-quit', (event) => {
      // Clear a secret we put on the clipboard before the process goes.
      if (disposed) return
      event.preventDefault()
      disposed = true
      stopPowerEvents()
      void core.dispose().finally(() => app.quit())
    })
  })

  app.on('window-all-closed', () => app.quit())
}
