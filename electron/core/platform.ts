/** What the core needs from the desktop. The Electron shell and the browser test host each implement it. */
export interface PlatformPort {
  /** Opens an http(s) URL in the user's browser. */
  openExternal(url: string): Promise<void>
}

/** Pushes an event of the contract to the renderer. */
export type EventSink = <E extends import('../../shared/contract').EventName>(
  name: E,
  payload: import('../../shared/contract').EventPayload<E>,
) => void
