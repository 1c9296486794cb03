import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import Conf from 'conf'
import type { WebSocket } from 'ws'
import { createAppCore, type AppCore } from '@core/app-core'
import { systemClock, type Clock } from '@core/clock'
import { AppError } from '@core/errors'
import type { Logger } from '@core/log'
import { isAllowedExternalUrl } from '@core/security/external-url'
import type { KeychainBackend } from '@core/vault/keychain-vault'
import { BRIDGE_FILE } from './bridge-protocol'
import { HostAccess } from './host-access'
import { createRequestHandler } from './http-handler'
import { callerOf, PageClipboard } from './page-clipboard'
import { PageDownloads } from './page-downloads'
import { PageFocus } from './page-focus'
import { PageNotifications } from './page-notifications'
import { SECURITY_HEADERS } from './security-headers'
import { SocketBridge } from './socket-bridge'

export interface BrowserHostOptions {
  /** The built renderer (`out/renderer`), which includes the page side of the bridge. */
  rendererDir: string
  /** Where settings are kept (the electron-store file, through `conf`). */
  dataDir: string
  sandboxUrl: string
  keychain: KeychainBackend
  keychainService: string
  log: Logger
  port?: number
  signInTimeoutMs?: number
  /** Tests pass a controlled clock; scheduled revocations and link lifetimes follow it. */
  clock?: Clock
  /** How long a link's code works (default about a minute). */
  codeLifetimeMs?: number
}

export interface BrowserHost {
  /** The first link to open: this host's loopback URL with a single-use, short-lived code. */
  url: string
  /** A fresh link with a new single-use code (the first one is used up or expired). */
  newLink(): string
  origin: string
  /** This instance's path prefix; the page, its assets, its socket and its cookie live under it. */
  basePath: string
  /** Whether the core asked for the window to be hidden from screen capture (a secret is on screen). */
  contentProtected(): boolean
  close(): Promise<void>
}

/**
 * The browser host: the same core and contract handlers as the Electron main process, spoken over a
 * WebSocket, serving the built renderer. Loopback only, under a random path; access is a session
 * cookie got once for a single-use code (see HostAccess); the socket also checks the page's Origin,
 * as the Electron shell checks the sender frame.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  if (!existsSync(join(options.rendererDir, BRIDGE_FILE))) {
    throw new Error(`${join(options.rendererDir, BRIDGE_FILE)} is missing: build first (npx electron-vite build).`)
  }
  const clock = options.clock ?? systemClock
  const access = new HostAccess(clock, options.codeLifetimeMs)
  const clipboard = new PageClipboard()
  const downloads = new PageDownloads()
  let port = 0
  let core: AppCore | undefined
  // Called only once the host runs, when `sockets` exists.
  const notifications: PageNotifications = new PageNotifications((): Iterable<WebSocket> => sockets.sockets)
  const focus: PageFocus = new PageFocus((): Iterable<WebSocket> => sockets.sockets)
  const sockets = new SocketBridge({
    access,
    port: () => port,
    handlers: () => core!.handlers,
    clipboard,
    notifications,
    downloads,
    focus,
    log: options.log,
  })
  let contentProtected = false

  core = createAppCore({
    settings: new Conf({ cwd: options.dataDir, configName: 'settings', projectName: 'keywarden' }),
    keychain: options.keychain,
    keychainService: options.keychainService,
    platform: {
      // In the host, "the system browser" is a new tab of the browser the calling page runs in.
      async openExternal(url) {
        if (!isAllowedExternalUrl(url))
          throw new AppError('FORBIDDEN', 'Keywarden only opens https links (or http on this computer) in the browser.')
        const caller = callerOf.getStore()
        if (!caller || caller.readyState !== caller.OPEN)
          throw new AppError('INTERNAL', 'No browser page is connected to the host.')
        caller.send(JSON.stringify({ openExternal: url }))
      },
      clipboard,
      setContentProtection(on) {
        contentProtected = on
      },
      // A browser tab cannot keep itself out of screen captures; the one-time secret dialog says so.
      screenCaptureProtection: { available: false, where: 'in this browser' },
      // Reminders: the page's Web Notification API.
      notify: (notification) => notifications.notify(notification),
      onNotificationClick: (listener) => notifications.onClick(listener),
      // "Quiet in the background": no page visible and focused.
      isInBackground: () => focus.isInBackground(),
      onForeground: (listener) => focus.onForeground(listener),
      // Export: the file goes to the calling page, which saves it as a download.
      saveFile: (name, content, filters) => downloads.save(name, content, filters),
    },
    dataDir: options.dataDir,
    clock,
    emit: (name, payload) => sockets.broadcast({ event: name, payload }),
    log: options.log,
    sandboxUrl: options.sandboxUrl,
    ...(options.signInTimeoutMs ? { signInTimeoutMs: options.signInTimeoutMs } : {}),
  })

  const handle = createRequestHandler({ access, rendererDir: options.rendererDir, port: () => port, log: options.log })
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log.error(`host: ${String(error)}`)
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS).end()
    })
  })
  server.on('upgrade', (req, socket, head) => sockets.handleUpgrade(req, socket, head))
  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end(
        `HTTP/1.1 400 Bad Request\r\n${Object.entries(SECURITY_HEADERS)
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join('')}connection: close\r\n\r\n`,
      )
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  await core.ready
  const newLink = () => `${origin}${access.basePath}?code=${access.issueCode()}`

  return {
    url: newLink(),
    newLink,
    origin,
    basePath: access.basePath,
    contentProtected: () => contentProtected,
    async close() {
      // Clipboard work in flight, then the core's own cleanup (it clears a secret we copied), then the pages.
      await clipboard.drain()
      await core.dispose().catch(() => undefined)
      await clipboard.drain()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
