import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApiKeyCipher } from './gateway/api-key-material'
import { InMemoryApiKeyStore } from './gateway/api-key-store'
import { seedDemoKeys } from './gateway/demo-keys'
import { createGateway, GATEWAY_BASE_PATH } from './gateway/router'
import { HttpError, sendError } from './http'
import { isLoopbackHost } from './loopback'
import { handleInteraction } from './oidc/interactions'
import { recordIssuedTokens } from './oidc/issued-tokens'
import { InMemoryOidcStore } from './oidc/memory-adapter'
import { createOidcProvider } from './oidc/provider'

export interface SandboxOptions {
  /** 0 picks a free port. Default 4010. */
  port?: number
  /** Must be a loopback address. Default 127.0.0.1. */
  host?: string
  /** Lifetime of access tokens (user and client_credentials). Default 900. */
  accessTokenTtlSeconds?: number
  /** One line per request: method, path (no query), status, duration. Default: silent. */
  log?: (line: string) => void
}

export interface Sandbox {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:4010. It is also the OIDC issuer. */
  url: string
  close(): Promise<void>
  /** Every access-token and refresh-token value issued so far, revoked and expired ones included. */
  issuedTokenValues(): string[]
}

export const DEFAULT_PORT = 4010
export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 900

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? DEFAULT_HOST
  const port = options.port ?? DEFAULT_PORT
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS
  const log = options.log ?? (() => {})
  if (!isLoopbackHost(host)) throw new Error(`The sandbox only listens on loopback addresses; refusing host "${host}".`)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port ${port}.`)
  if (!Number.isInteger(accessTokenTtlSeconds) || accessTokenTtlSeconds < 1) {
    throw new Error(`Invalid access token TTL ${accessTokenTtlSeconds}; it must be a positive whole number of seconds.`)
  }

  // The issuer must contain the port, which is only known once listening; requests wait for it.
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined
  const server = createServer((req, res) => {
    const started = process.hrtime.bigint()
    res.on('close', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      const path = (req.url ?? '').split('?')[0]
      log(`${req.method ?? '-'} ${path} ${res.statusCode} ${ms.toFixed(1)}ms`)
    })
    if (handle) handle(req, res)
    else sendError(res, new HttpError(503, 'internal_error', 'The sandbox is starting.'))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port: boundPort } = server.address() as AddressInfo
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`

  try {
    const tokens = recordIssuedTokens(new InMemoryOidcStore().adapterFactory)
    const provider = createOidcProvider({ issuer: url, accessTokenTtlSeconds, adapter: tokens.adapterFactory })
    const providerCallback = provider.callback()
    const store = new InMemoryApiKeyStore()
    const cipher = new ApiKeyCipher()
    await seedDemoKeys(store, cipher)
    const handleGateway = createGateway({ provider, store, cipher })

    handle = (req, res) => {
      const requestUrl = new URL(req.url ?? '/', url)
      const path = requestUrl.pathname
      const route = async (): Promise<void> => {
        if (path === GATEWAY_BASE_PATH || path.startsWith(`${GATEWAY_BASE_PATH}/`)) {
          await handleGateway(req, res, path.slice(GATEWAY_BASE_PATH.length), requestUrl)
          return
        }
        if (await handleInteraction(provider, req, res, path)) return
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
        log(`sandbox error: ${error instanceof Error ? error.message : String(error)}`)
        sendError(res, new HttpError(500, 'internal_error', 'The sandbox failed to handle this request.'))
      })
    }

    let closing: Promise<void> | undefined
    return {
      url,
      issuedTokenValues: tokens.values,
      // Idempotent: a test may take the sandbox down and its fixture close it again.
      close: () => (closing ??= closeServer(server)),
    }
  } catch (error) {
    await closeServer(server)
    throw error
  }
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}
