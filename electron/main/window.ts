import { join } from 'node:path'
import { BrowserWindow } from 'electron'
import { APP_ENTRY_URL } from '@core/security/app-origin'

/** A packaged build opens no DevTools: `devTools: false` leaves nothing for a shortcut or a call to open. */
export function createMainWindow(
  preloadPath: string,
  options: { isPackaged: boolean } = { isPackaged: true },
): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Keywarden',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !options.isPackaged,
    },
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(APP_ENTRY_URL)
  return window
}

export const preloadPathFrom = (mainDir: string): string => join(mainDir, '../preload/index.cjs')
