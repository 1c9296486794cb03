import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { seedGatewayKeys } from './db/bulk-seed'
import { openPersistence, type Persistence } from './db/persistence'
import { seedOnce } from './db/seed'
import type { SandboxDeps } from './deps'
import { createGateway } from './gateway/router'
import { createPulse } from './pulse/router'
import { createWallet } from './wallet/router'
import { HttpError, sendError, sendJson } from './http'
import type { KeyStore } from './keys/key-store'
import { isLoopbackHost } from './loopback'
import { guardRequest, loopbackHostsOf } from './request-guard'
import type { ThrottleLimits } from './throttle/failure-throttle'
import { createThrottles } from './throttle/throttles'
import { demoUsers, DEMO_PASSWORD } from './users'
import { handleInteraction } from './oidc/interactions'
import { recordIssuedTokens } from './oidc/issued-tokens'
import { createOidcProvider } from './oidc/provider'
import { buildOpenApiDocument, OPENAPI_PATH } from './openapi/index'
import type { DialectRouter, RouteInfo } from './routing'

export interface SandboxOptions {
  /** 0 picks a free port. Default 4010. */
  port?: number
  /** Must be a loopback address. Default 127.0.0.1. */
  host?: string
  /** Lifetime of access tokens (user and client_credentials). Default 900. */
  accessTokenTtlSeconds?: number
  /** One line per request: method, path (no query), status, duration. Default: silent. */
  log?: (line: string) => void
  /** Folder for sandbox.sqlite and secret.key. Default: an in-memory database, gone on close. */
  dataDir?: string
  /** Wipe the data folder's sandbox files and seed again. */
  reset?: boolean
  /** Add this many gateway keys (scale tests), in one transaction. */
  seedKeys?: number
  /** The sandbox's clock for key times (expiry, lastUsedAt). Default: the real one. */
  clock?: () => Date
  /** Lifetime of pulse session tokens (`POST /pulse/auth/login`). Default 3600. */
  pulseSessionTtlSeconds?: number
  /**
   * Failed logins (passwords and API keys) allowed per account and per address within a window,
   * counted on `clock`; past them the answer is 429 + Retry-After. Default 10 per account, 30 per
   * address, 900 s.
   */
  throttle?: Partial<ThrottleLimits>
  /** How long a client may take to send a whole request (headers and body); then 408 and closed. Default 5000. */
  requestTimeoutMs?: number
  /** Tests only: wraps the key store every router uses (e.g. to count lookups). */
  instrumentKeyStore?: (store: KeyStore) => KeyStore
}

export interface Sandbox {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:4010. It is also the OIDC issuer. */
  url: string
  /** The `sandbox-cli` client secret (client_credentials): per data folder, or per start in memory. */
  cliClientSecret: string
  close(): Promise<void>
  /** Every access-token and refresh-token value issued so far, revoked and expired ones included. */
  issuedTokenValues(): string[]
  /** The stores the routers share (tests read the audit log through it). */
  deps: SandboxDeps
  /** Every dialect route served, as full path templates (`/gateway/v1/apikeys/{id}`). */
  routes: readonly RouteInfo[]
}

export const DEFAULT_PORT = 4010
export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 900
export const DEFAULT_REQUEST_TIMEOUT_MS = 5000

/** The dialects, each under its base path, all on the same stores. */
function createRouters(deps: SandboxDeps, options: SandboxOptions): DialectRouter[] {
  return [
    createGateway(deps),
    createWallet(deps),
    createPulse(deps, { sessionTtlSeconds: options.pulseSessionTtlSeconds }),
  ]
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? DEFAULT_HOST
  const port = options.port ?? DEFAULT_PORT
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS
  const log = options.log ?? (() => {})
  const clock = options.clock ?? (() => new Date())
  if (!isLoopbackHost(host)) throw new Error(`The sandbox only listens on loopback addresses; refusing host "${host}".`)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port ${port}.`)
  if (!Number.isInteger(accessTokenTtlSeconds) || accessTokenTtlSeconds < 1) {
    throw new Error(`Invalid access token TTL ${accessTokenTtlSeconds}; it must be a positive whole number of seconds.`)
  }
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  if (!Number.isSafeInteger(requestTimeoutMs) || requestTimeoutMs < 100) {
    throw new Error(
      `Invalid request timeout ${requestTimeoutMs}; it must be a whole number of milliseconds, at least 100.`,
    )
  }
  const throttles = createThrottles(options.throttle, clock)
  if (options.seedKeys !== undefined && (!Number.isSafeInteger(options.seedKeys) || options.seedKeys < 0)) {
    throw new Error(`Invalid seedKeys ${options.seedKeys}.`)
  }

  // Opened before listening: a broken data folder fails the start, not the first request.
  const persistence = openPersistence({ dataDir: options.dataDir, reset: options.reset ?? false, clock })

  // The issuer must contain the port, which is only known once listening; requests wait for it.
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined
  let allowedHosts: ReadonlySet<string> = new Set()
  // A request (headers and body) that takes longer than requestTimeoutMs gets 408 and is closed;
  // Node checks every connectionsCheckingInterval, so that is kept well below the timeout.
  const server = createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeoutMs / 4))),
    },
    (req, res) => {
      const started = process.hrtime.bigint()
      res.on('close', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6
        // Never the query string: it may carry codes or tokens.
        const path = (req.url ?? '').split('?')[0]
        log(`${req.method ?? '-'} ${path} ${res.statusCode} ${ms.toFixed(1)}ms`)
      })
      if (guardRequest(req, res, allowedHosts)) return
      if (handle) handle(req, res)
      else sendError(res, new HttpError(503, 'internal_error', 'The sandbox is starting.'))
    },
  )
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    persistence.close()
    throw error
  }
  const { port: boundPort } = server.address() as AddressInfo
  allowedHosts = loopbackHostsOf(boundPort)
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`

  try {
    const tokens = recordIssuedTokens(persistence.oidc.adapterFactory)
    const { cliClientSecret } = persistence
    const provider = createOidcProvider({
      issuer: url,
      accessTokenTtlSeconds,
      adapter: tokens.adapterFactory,
      keys: persistence.providerKeys,
      cliClientSecret,
    })
    const providerCallback = provider.callback()
    const keys = options.instrumentKeyStore ? options.instrumentKeyStore(persistence.keys) : persistence.keys
    const { idempotency, audit, cipher, credentials } = persistence
    const deps: SandboxDeps = { provider, keys, idempotency, audit, cipher, clock, credentials, throttles }
    await seedOnce(persistence, deps)
    await credentials.ensure(
      demoUsers.map(({ username }) => username),
      DEMO_PASSWORD,
    )
    if (options.seedKeys) seedGatewayKeys(persistence.db, persistence.cipher, options.seedKeys, clock())
    const routers = createRouters(deps, options)
    const routes = routers.flatMap((router) => router.routes)
    const openApiDocument = JSON.stringify(buildOpenApiDocument(url))

    handle = (req, res) => {
      const requestUrl = new URL(req.url ?? '/', url)
      const path = requestUrl.pathname
      const route = async (): Promise<void> => {
        const router = routers.find(({ basePath }) => path === basePath || path.startsWith(`${basePath}/`))
        if (router) {
          await router.handle(req, res, requestUrl)
          return
        }
        if (path === OPENAPI_PATH && req.method === 'GET') {
          sendJson(res, 200, JSON.parse(openApiDocument))
          return
        }
        if (await handleInteraction(deps, req, res, path)) return
        providerCallback(req, res)
      }
      route().catch((error: unknown) => {
        if (res.headersSent) {
          res.destroy()
          return
        }
        if (error instanceof HttpError) {
          sendError(res, error)
          return
        }
        // The message only, never the request: headers and bodies carry tokens and keys.
        log(`sandbox error: ${error instanceof Error ? error.message : String(error)}`)
        sendError(res, new HttpError(500, 'internal_error', 'The sandbox failed to handle this request.'))
      })
    }

    let closing: Promise<void> | undefined
    return {
      url,
      cliClientSecret,
      deps,
      routes,
      issuedTokenValues: () => [...new Set([...tokens.values(), ...persistence.oidc.storedTokenValues()])],
      // Idempotent: a test may take the sandbox down and its fixture close it again.
      close: () => (closing ??= closeAll(server, persistence)),
    }
  } catch (error) {
    await closeAll(server, persistence)
    throw error
  }
}

async function closeAll(server: ReturnType<typeof createServer>, persistence: Persistence): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()))
      server.closeAllConnections()
    })
  } finally {
    persistence.close()
  }
}
