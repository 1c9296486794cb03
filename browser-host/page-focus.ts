import type { WebSocket } from 'ws'

/**
 * Whether Keywarden's page is in front, in the browser host: each page says whether it is visible
 * and has the focus (on connect and whenever that changes). The host is in the background when no
 * open page is in front; a page that has not said yet counts as in front, as a window does in Electron.
 */
export class PageFocus {
  private readonly inFront = new WeakMap<WebSocket, boolean>()
  private readonly listeners = new Set<() => void>()

  constructor(private readonly pages: () => Iterable<WebSocket>) {}

  /** A page's report; a move from background to front calls the `onForeground` listeners. */
  report(page: WebSocket, front: boolean): void {
    const wasBackground = this.isInBackground()
    this.inFront.set(page, front)
    if (wasBackground && !this.isInBackground()) for (const listener of this.listeners) listener()
  }

  isInBackground(): boolean {
    for (const page of this.pages()) {
      if (page.readyState === page.OPEN && this.inFront.get(page) !== false) return false
    }
    return true
  }

  onForeground(listener: () => void): void {
    this.listeners.add(listener)
  }
}
