import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import type { CallHandlers } from '@core/ipc/dispatch'
import { dispatchCall } from '@core/ipc/dispatch'
import type { Logger } from '@core/log'
import { SOCKET_PATH, pageMessageSchema, parseFrame, type HostMessage } from './bridge-protocol'
import { isOwnHost, originOfHost, type HostAccess } from './host-access'
import { callerOf, type PageClipboard } from './page-clipboard'
import type { PageDownloads } from './page-downloads'
import type { PageFocus } from './page-focus'
import type { PageNotifications } from './page-notifications'
import { refuseUpgrade } from './security-headers'

/** Larger frames close the socket that sent them. */
export const MAX_FRAME_BYTES = 1024 * 1024

export interface SocketContext {
  access: HostAccess
  port: () => number
  handlers: () => CallHandlers
  clipboard: PageClipboard
  /** Absent in hosts built without notifications. */
  notifications?: PageNotifications
  /** Absent in hosts built without file saving. */
  downloads?: PageDownloads
  /** Absent in hosts that do not track whether a page is in front. */
  focus?: PageFocus
  log: Logger
}

/**
 * The host's WebSocket: the page's calls in, results and events out. An upgrade needs this host's
 * own Host, the page's own Origin and a session cookie; every frame is checked against the bridge's
 * schema before anything runs, and a call's work is done on behalf of the page that made it.
 */
export class SocketBridge {
  readonly sockets = new Set<WebSocket>()
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })

  constructor(private readonly context: SocketContext) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { access, port, log } = this.context
    socket.on('error', () => undefined)
    const host = req.headers.host
    if (!isOwnHost(host, port())) {
      log.warn('host: refused a socket for a foreign Host')
      refuseUpgrade(socket, 403, 'Wrong Host.')
      return
    }
    if (new URL(req.url ?? '/', 'http://host.invalid').pathname !== `${access.basePath}${SOCKET_PATH}`) {
      refuseUpgrade(socket, 404, 'Not found.')
      return
    }
    if (req.headers.origin !== originOfHost(host!) || !access.hasSession(req)) {
      log.warn("host: refused a socket without this page's Origin and session")
      refuseUpgrade(socket, 403, 'Forbidden.')
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws))
  }

  /** Sends to every connected page (contract events). */
  broadcast(message: HostMessage): void {
    const text = JSON.stringify(message)
    for (const socket of this.sockets) if (socket.readyState === socket.OPEN) socket.send(text)
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate()
    this.wss.close()
  }

  private accept(ws: WebSocket): void {
    const { clipboard, log } = this.context
    this.sockets.add(ws)
    ws.on('close', () => {
      this.sockets.delete(ws)
      clipboard.forget(ws)
      this.context.downloads?.forget(ws)
    })
    // Oversized or broken frames: ws closes the socket and reports it here; the host carries on.
    ws.on('error', (error) => log.warn(`host: closed a socket after a bad frame: ${error.message}`))
    ws.on('message', (data, isBinary) => this.receive(ws, data, isBinary))
  }

  private receive(ws: WebSocket, data: RawData, isBinary: boolean): void {
    const { clipboard, log } = this.context
    if (isBinary) {
      log.warn('host: dropped a binary frame')
      return
    }
    const parsed = parseFrame(pageMessageSchema, rawText(data))
    if (!parsed.ok) {
      log.warn(`host: dropped a frame: ${parsed.reason}`)
      return
    }
    const message = parsed.message
    if ('notificationReply' in message) {
      const { id, result } = message.notificationReply
      if (!this.context.notifications?.answer(id, result)) log.warn('host: dropped an answer to no notification')
      return
    }
    if ('notificationClick' in message) {
      if (!this.context.notifications?.clicked(message.notificationClick.id))
        log.warn('host: dropped a click on a notification this host did not send')
      return
    }
    if ('pageInFront' in message) {
      this.context.focus?.report(ws, message.pageInFront)
      return
    }
    if ('downloadReply' in message) {
      const { requestId, ...reply } = message.downloadReply
      if (!this.context.downloads?.answer(ws, requestId, reply))
        log.warn('host: dropped a download answer nobody asked this page for')
      return
    }
    if ('clipboardReply' in message) {
      const { requestId, ...reply } = message.clipboardReply
      if (!clipboard.answer(ws, requestId, reply))
        log.warn('host: dropped a clipboard answer nobody asked this page for')
      return
    }
    void callerOf
      .run(ws, () => dispatchCall(this.context.handlers(), message.call, message.input, log))
      .then((result) => {
        const answer: HostMessage = { id: message.id, result: result as Extract<HostMessage, { id: number }>['result'] }
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(answer))
      })
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(new Uint8Array(data)).toString('utf8')
}
