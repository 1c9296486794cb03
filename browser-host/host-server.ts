import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Conf from 'conf'
import { WebSocketServer, type WebSocket } from 'ws'
import { z } from 'zod'
import { createAppCore } from '../electron/core/app-core'
import { AppError } from '../electron/core/errors'
import { dispatchCall } from '../electron/core/ipc/dispatch'
import type { Logger } from '../electron/core/log'
import type { EventSink } from '../electron/core/platform'
import { RENDERER_CSP } from '../electron/core/security/app-origin'
import { isAllowedExternalUrl } from '../electron/core/security/external-url'
import type { Clock } from '../electron/core/clock'
import type { KeychainBackend } from '../electron/core/vault/keychain-vault'
import { BRIDGE_PATH, SOCKET_PATH, bridgeScript } from './bridge-script'
import { readRendererFile } from './static-files'

export interface BrowserHostOptions {
  /** The built renderer (`out/renderer`). */
  rendererDir: string
  /** Where settings are kept (the electron-store file, through `conf`). */
  dataDir: string
  sandboxUrl: string
  keychain: KeychainBackend
  keychainService: string
  log: Logger
  port?: number
  signInTimeoutMs?: number
  /** Tests pass a controlled clock; scheduled revocations follow it. */
  clock?: Clock
}

export interface BrowserHost {
  /** Open this in a browser: the host's loopback URL with its access token. */
  url: string
  origin: string
  /** Whether the core asked for the window to be hidden from screen capture (a secret is on screen). */
  contentProtected(): boolean
  close(): Promise<void>
}

const COOKIE = 'keywarden_host'
// `input` is absent for calls that take none (JSON drops undefined); the contract's schema judges it.
const messageSchema = z.union([
  z.object({ id: z.number().int().positive(), call: z.string(), input: z.unknown().optional() }),
  z.object({ clipboardReply: z.object({ requestId: z.number().int(), text: z.string().optional(), error: z.string().optional() }) }),
])
const CLIPBOARD_TIMEOUT_MS = 5_000

function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined) return false
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function cookieOf(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? ''
  return header.split(';').map((part) => part.trim().split('=')).find(([name]) => name === COOKIE)?.[1]
}

/**
 * The browser test host of ARCHITECTURE.md: the same core and contract handlers as the Electron
 * main process, spoken over a WebSocket, serving the built renderer. Loopback only; every request
 * needs the random token (first in the URL, then as a same-site cookie), and the socket also checks
 * the page's Origin, as the Electron shell checks the sender frame.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(24).toString('base64url')
  const sockets = new Set<WebSocket>()
  const send = (message: unknown) => {
    const text = JSON.stringify(message)
    for (const socket of sockets) socket.send(text)
  }
  const emit: EventSink = (name, payload) => send({ event: name, payload })

  // The clipboard lives in the page; the last connected page answers for it.
  let clipboardRequests = 0
  const clipboardReplies = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>()
  const clipboard = (op: 'write' | 'read' | 'clear', text?: string): Promise<string> => {
    const socket = [...sockets].at(-1)
    if (!socket) return Promise.reject(new AppError('INTERNAL', 'No browser page is connected to the host.'))
    const requestId = ++clipboardRequests
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        clipboardReplies.delete(requestId)
        reject(new AppError('INTERNAL', 'The browser did not answer the clipboard request.'))
      }, CLIPBOARD_TIMEOUT_MS)
      clipboardReplies.set(requestId, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      })
      socket.send(JSON.stringify({ clipboard: { requestId, op, text } }))
    })
  }
  let contentProtected = false

  const core = createAppCore({
    settings: new Conf({ cwd: options.dataDir, configName: 'settings', projectName: 'keywarden' }),
    keychain: options.keychain,
    keychainService: options.keychainService,
    platform: {
      // In the host, "the system browser" is a new tab of the browser the page runs in.
      async openExternal(url) {
        if (!isAllowedExternalUrl(url)) throw new AppError('FORBIDDEN', 'Keywarden only opens https links (or http on this computer) in the browser.')
        if (sockets.size === 0) throw new AppError('INTERNAL', 'No browser page is connected to the host.')
        send({ openExternal: url })
      },
      clipboard: {
        writeSecret: async (text) => void (await clipboard('write', text)),
        readText: () => clipboard('read'),
        clear: async () => void (await clipboard('clear')),
      },
      setContentProtection(on) {
        contentProtected = on
      },
    },
    dataDir: options.dataDir,
    ...(options.clock ? { clock: options.clock } : {}),
    emit,
    log: options.log,
    sandboxUrl: options.sandboxUrl,
    ...(options.signInTimeoutMs ? { signInTimeoutMs: options.signInTimeoutMs } : {}),
  })

  let origin = ''
  const authorized = (req: IncomingMessage, url: URL) => sameSecret(cookieOf(req), token) || sameSecret(url.searchParams.get('token') ?? undefined, token)

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin)
      if (req.method !== 'GET' || !authorized(req, url)) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('Open the URL the host printed, with its token.')
        return
      }
      const headers = {
        'content-security-policy': RENDERER_CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      }
      if (url.pathname === BRIDGE_PATH) {
        res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(bridgeScript())
        return
      }
      const file = await readRendererFile(options.rendererDir, url.pathname)
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
        return
      }
      res.writeHead(200, { ...headers, 'content-type': file.contentType }).end(file.body)
    })().catch((error: unknown) => {
      options.log.error(`host: ${String(error)}`)
      if (!res.headersSent) res.writeHead(500).end()
    })
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin)
    if (url.pathname !== SOCKET_PATH || req.headers.origin !== origin || !sameSecret(cookieOf(req), token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
      ws.on('message', (data) => {
        let message: z.infer<typeof messageSchema>
        try {
          message = messageSchema.parse(JSON.parse(String(data)))
        } catch {
          options.log.warn('host: dropped a malformed message')
          return
        }
        if ('clipboardReply' in message) {
          const { requestId, text, error } = message.clipboardReply
          const waiting = clipboardReplies.get(requestId)
          clipboardReplies.delete(requestId)
          if (error !== undefined) waiting?.reject(new AppError('INTERNAL', `The browser refused the clipboard: ${error}`))
          else waiting?.resolve(text ?? '')
          return
        }
        void dispatchCall(core.handlers, message.call, message.input, options.log).then((result) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, result }))
        })
      })
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  await core.ready

  return {
    url: `${origin}/?token=${token}`,
    origin,
    contentProtected: () => contentProtected,
    async close() {
      await core.dispose().catch(() => undefined)
      for (const socket of sockets) socket.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
