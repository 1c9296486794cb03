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
  /**
   * Asks the user where to save `content` (the Electron save dialog; a download in the browser host)
   * and writes it there. `suggestedName` is a bare file name. Absent: this platform cannot export.
   */
  saveFile?(suggestedName: string, content: string, filters: SaveFileFilter[]): Promise<SaveFileResult>
}

/** Pushes an event of the contract to the renderer. */
export type EventSink = <E extends EventName>(name: E, payload: EventPayload<E>) => void
