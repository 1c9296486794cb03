import type { EventName, EventPayload, ScreenCaptureProtection } from '@shared/contract'

/** The system clipboard, as the core needs it for secrets. */
export interface ClipboardPort {
  /** Writes text, marked as concealed where the platform allows, so clipboard managers skip it. */
  writeSecret(text: string): Promise<void>
  readText(): Promise<string>
  clear(): Promise<void>
}

/** A file type offered in a save dialog ("CSV" → ["csv"]). */
export interface SaveFileFilter {
  name: string
  extensions: string[]
}

/** Where a saved file went, or that the user cancelled. */
export type SaveFileResult = { saved: true; where: string } | { saved: false }

/** What the core needs from the desktop. The Electron shell and the browser test host each implement it. */
export interface PlatformPort {
  /** Opens an http(s) URL in the user's browser. */
  openExternal(url: string): Promise<void>
  clipboard: ClipboardPort
  /** Keeps the window out of screenshots and screen sharing while a secret is shown. */
  setContentProtection(on: boolean): void
  /** Whether setContentProtection really protects here; absent means it does not (the user is told). */
  screenCaptureProtection?: ScreenCaptureProtection
  /** The OS's user verification, where there is one (see UserVerificationPort). */
  userVerification?: UserVerificationPort
  /** Lets the user choose a folder (the folder scan); resolves null when they cancel. Absent: no picker here. */
  pickFolder?(): Promise<string | null>
  /** Shows a file selected in the system file manager (a folder scan's result). Absent: not available here. */
  showItemInFolder?(path: string): Promise<void>
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
  /** Calls `listener` when Keywarden's window comes to the front (reminders held while quiet are due then). */
  onForeground?(listener: () => void): void
  /**
   * Asks the user where to save `content` (the Electron save dialog; a download in the browser host)
   * and writes it there. `suggestedName` is a bare file name. Absent: this platform cannot export.
   */
  saveFile?(suggestedName: string, content: string, filters: SaveFileFilter[]): Promise<SaveFileResult>
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

/**
 * The operating system's own check that the person at the keyboard is the computer's user (Touch ID
 * on macOS). Absent where Electron reaches none; then sudo mode and unlock fall back to the server.
 */
export interface UserVerificationPort {
  /** What the user sees the app ask for, e.g. "Touch ID". */
  readonly label: string
  /** Whether it can be asked now (e.g. Touch ID is set up and not locked out). */
  available(): boolean
  /** Asks the OS; resolves when the user passed, rejects when they cancelled or failed. */
  verify(reason: string): Promise<void>
}
