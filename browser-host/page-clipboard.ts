import { AsyncLocalStorage } from 'node:async_hooks'
import type { WebSocket } from 'ws'
import { AppError } from '@core/errors'
import type { ClipboardPort } from '@core/platform'
import type { ClipboardOp, HostMessage } from './bridge-protocol'

const CLIPBOARD_TIMEOUT_MS = 5_000

/** The page whose call is running: the host runs each call inside `callerOf.run(socket, …)`. */
export const callerOf = new AsyncLocalStorage<WebSocket>()

interface Waiting {
  socket: WebSocket
  resolve: (text: string) => void
  reject: (error: Error) => void
}

/**
 * The clipboard of the browser, reached through the page. Clipboard work of a call goes to the page
 * that made the call; work with no caller (the timer that clears a copied secret) goes to the page
 * that wrote it. When that page is gone the work fails: nothing is sent to another page.
 */
export class PageClipboard implements ClipboardPort {
  private requests = 0
  private readonly waiting = new Map<number, Waiting>()
  private readonly inFlight = new Set<Promise<string>>()
  private writer: WebSocket | undefined

  async writeSecret(text: string): Promise<void> {
    const socket = callerOf.getStore()
    if (!socket) throw new AppError('INTERNAL', 'No browser page asked to copy, so nothing was copied.')
    await this.ask(socket, 'write', text)
    this.writer = socket
  }

  async readText(): Promise<string> {
    return this.ask(this.target('read'), 'read')
  }

  async clear(): Promise<void> {
    await this.ask(this.target('clear'), 'clear')
  }

  /** A page's answer; only the page that was asked can answer. */
  answer(from: WebSocket, requestId: number, reply: { text?: string; error?: string }): boolean {
    const waiting = this.waiting.get(requestId)
    if (!waiting || waiting.socket !== from) return false
    this.waiting.delete(requestId)
    if (reply.error !== undefined)
      waiting.reject(new AppError('INTERNAL', `The browser refused the clipboard: ${reply.error}`))
    else waiting.resolve(reply.text ?? '')
    return true
  }

  /** A page went away: what it was asked fails now, and it no longer answers for what it wrote. */
  forget(socket: WebSocket): void {
    for (const [id, waiting] of this.waiting) {
      if (waiting.socket !== socket) continue
      this.waiting.delete(id)
      waiting.reject(new AppError('INTERNAL', 'The browser page closed before it answered the clipboard request.'))
    }
    if (this.writer === socket) this.writer = undefined
  }

  /**
   * Lets the clipboard work in flight finish (each request is bounded by its timeout), including
   * work it starts in turn (a clear after a read-back), so closing the pages does not cut it off.
   */
  async drain(): Promise<void> {
    for (let round = 0; round < 5; round++) {
      await new Promise((resolve) => setImmediate(resolve))
      if (this.inFlight.size === 0) return
      await Promise.allSettled([...this.inFlight])
    }
  }

  private target(op: ClipboardOp): WebSocket {
    const socket = callerOf.getStore() ?? this.writer
    if (!socket || socket.readyState !== socket.OPEN) {
      throw new AppError(
        'INTERNAL',
        `The browser page that holds the copied secret is gone; the clipboard could not be ${op === 'clear' ? 'cleared' : 'read'}.`,
      )
    }
    return socket
  }

  private ask(socket: WebSocket, op: ClipboardOp, text?: string): Promise<string> {
    if (socket.readyState !== socket.OPEN) return Promise.reject(new AppError('INTERNAL', 'The browser page is gone.'))
    const requestId = ++this.requests
    const request = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId)
        reject(new AppError('INTERNAL', 'The browser did not answer the clipboard request.'))
      }, CLIPBOARD_TIMEOUT_MS)
      const settle =
        <T>(done: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer)
          done(value)
        }
      this.waiting.set(requestId, { socket, resolve: settle(resolve), reject: settle(reject) })
      const message: HostMessage = { clipboard: { requestId, op, ...(text === undefined ? {} : { text }) } }
      socket.send(JSON.stringify(message))
    })
    this.inFlight.add(request)
    const done = () => void this.inFlight.delete(request)
    request.then(done, done)
    return request
  }
}
