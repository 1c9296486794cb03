import type { EventName, EventPayload, ScreenCaptureProtection } from '@shared/contract'

/** The system clipboard, as the core needs it for secrets. */
export interface ClipboardPort {
  /** Writes text, marked as concealed where the platform allows, so clipboard managers skip it. */
  writeSecret(text: string): Promise<void>
  readText(): Promise<string>
  clear(): Promise<void>
}

/** What the core needs from the desktop. The Electron shell and the browser test host each implement it. */
export interface PlatformPort {
  /** Opens an http(s) URL in the user's browser. */
  openExternal(url: string): Promise<void>
  clipboard: ClipboardPort
  /** Keeps the window out of screenshots and screen sharing while a secret is shown. */
  setContentProtection(on: boolean): void
  /** Whether setContentProtection really protects here; absent means it does not (the user is told). */
  screenCaptureProtection?: ScreenCaptureProtection
  /**
   * Shows a system notification (Electron `Notification`; the page's Web Notification API in the browser
   * host). Resolves `denied` when the OS or the user refused notifications, `unsupported` where there are none.
   * Absent: the platform has no notifications (reminders then show only in the app).
   */
  notify?(notification: SystemNotification): Promise<NotificationResult>
  /** Calls `listener` with the notification's id when the user clicks one. */
  onNotificationClick?(listener: (id: string) => void): void
  /** The dock or taskbar badge (0 removes it), where the platform has one. */
  setBadgeCount?(count: number): void
  /** Whether Keywarden's window is in the background (not focused); absent counts as in front. */
  isInBackground?(): boolean
}

export interface SystemNotification {
  /** Unique per notification; the click comes back with it. */
  id: string
  title: string
  body: string
}

export type NotificationResult = 'shown' | 'denied' | 'unsupported'

/** Pushes an event of the contract to the renderer. */
export type EventSink = <E extends EventName>(name: E, payload: EventPayload<E>) => void
