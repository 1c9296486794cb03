import type { BrowserWindow, NotificationConstructorOptions } from 'electron'
import type { PlatformPort } from '@core/platform'

/** The parts of Electron's `Notification` class the shell uses (passed in, so the wiring is unit-tested). */
export interface NotificationClass {
  isSupported(): boolean
  new (options: NotificationConstructorOptions): ElectronNotification
}

interface ElectronNotification {
  on(event: 'click' | 'close', listener: () => void): void
  on(event: 'failed', listener: (event: unknown, error: string) => void): void
  show(): void
}

/** The parts of Electron's `app` the shell's notifications use. */
export interface NotificationApp {
  setBadgeCount(count: number): boolean
  on(event: 'browser-window-focus', listener: () => void): unknown
}

/**
 * Reminders on the desktop: Electron `Notification` (a click brings the window to the front and is
 * reported to the core), `app.setBadgeCount` for the dock/taskbar badge (where the platform has one),
 * whether the window is in the background, and when it comes to the front again.
 */
export function desktopNotifications(
  Notification: NotificationClass,
  app: NotificationApp,
  window: () => BrowserWindow | undefined,
): Required<
  Pick<PlatformPort, 'notify' | 'onNotificationClick' | 'setBadgeCount' | 'isInBackground' | 'onForeground'>
> {
  let clickListener: ((id: string) => void) | undefined
  // Held until closed or clicked: a notification that is garbage-collected loses its click.
  const showing = new Set<ElectronNotification>()
  return {
    async notify({ id, title, body }) {
      if (!Notification.isSupported()) return 'unsupported'
      const notification = new Notification({ title, body })
      showing.add(notification)
      notification.on('click', () => {
        showing.delete(notification)
        const win = window()
        if (win && !win.isDestroyed()) {
          if (win.isMinimized()) win.restore()
          win.focus()
        }
        clickListener?.(id)
      })
      notification.on('close', () => showing.delete(notification))
      // Windows reports a notification the system refused (e.g. notifications turned off for the app).
      return new Promise((resolve) => {
        notification.on('failed', () => {
          showing.delete(notification)
          resolve('denied')
        })
        notification.show()
        setTimeout(() => resolve('shown'), 0)
      })
    },
    onNotificationClick(listener) {
      clickListener = listener
    },
    setBadgeCount(count) {
      app.setBadgeCount(count)
    },
    isInBackground() {
      const win = window()
      return !win || win.isDestroyed() || !win.isFocused()
    },
    onForeground(listener) {
      app.on('browser-window-focus', () => listener())
    },
  }
}
