import type { WebSocket } from 'ws'
import type { NotificationResult, SystemNotification } from '@core/platform'
import type { HostMessage } from './bridge-protocol'

const REPLY_TIMEOUT_MS = 5_000

/**
 * Notifications in the browser host: each goes to the connected pages, which show it with the Web
 * Notification API and say how it went; the first answer counts. A click comes back from the page
 * that showed it. Only ids this host sent are answered or clicked; anything else is dropped.
 */
export class PageNotifications {
  private readonly waiting = new Map<string, (result: NotificationResult) => void>()
  private readonly sent = new Set<string>()
  private clickListener: ((id: string) => void) | undefined

  constructor(private readonly pages: () => Iterable<WebSocket>) {}

  notify(notification: SystemNotification): Promise<NotificationResult> {
    const open = [...this.pages()].filter((socket) => socket.readyState === socket.OPEN)
    // No page open: nothing can show it now; the reminder stays due and is tried at the next check.
    if (open.length === 0) return Promise.resolve('unsupported')
    this.sent.add(notification.id)
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle('unsupported'), REPLY_TIMEOUT_MS)
      const settle = (result: NotificationResult) => {
        clearTimeout(timer)
        this.waiting.delete(notification.id)
        resolve(result)
      }
      this.waiting.set(notification.id, settle)
      const message: HostMessage = { notify: notification }
      for (const socket of open) socket.send(JSON.stringify(message))
    })
  }

  onClick(listener: (id: string) => void): void {
    this.clickListener = listener
  }

  /** A page's answer; false when no notification with that id is waiting. */
  answer(id: string, result: NotificationResult): boolean {
    const settle = this.waiting.get(id)
    settle?.(result)
    return settle !== undefined
  }

  /** A click on a notification this host sent; false for an id it never sent. */
  clicked(id: string): boolean {
    if (!this.sent.has(id)) return false
    this.clickListener?.(id)
    return true
  }
}
