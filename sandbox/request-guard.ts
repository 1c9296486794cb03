import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError, payloadTooLarge, sendError } from './http'
import { JSON_BODY_LIMIT_BYTES } from './json-body'
import { LOGIN_FORM_LIMIT_BYTES } from './oidc/login-form'

/** oidc-provider's own limit for the bodies it reads (token, revocation, introspection...). */
const PROVIDER_BODY_LIMIT_BYTES = 56 * 1024
const DIALECT_PATH = /^\/(gateway|wallet|pulse)(\/|$)/
const LOGIN_FORM_PATH = /^\/interaction\/[^/]+\/login$/

/** The most body bytes any handler behind this path reads. */
export function bodyLimitOf(path: string): number {
  if (DIALECT_PATH.test(path)) return JSON_BODY_LIMIT_BYTES
  if (LOGIN_FORM_PATH.test(path)) return LOGIN_FORM_LIMIT_BYTES
  return PROVIDER_BODY_LIMIT_BYTES
}

/** The Host values that name this server: loopback names with the port it listens on. */
export function loopbackHostsOf(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
}

/**
 * Runs in front of every route and of oidc-provider. Refuses (true = answered):
 * - a Host that is not this server's loopback name and port (DNS rebinding: a web page whose name
 *   now resolves to 127.0.0.1 sends its own Host), with 421, or 400 when there is none;
 * - a declared Content-Length over the path's limit, with 413, before a byte of it is read.
 * And makes sure no answer drains a body nobody read: when the response is done before the request
 * body is complete (413, 401 before reading, an error), the connection is closed instead of being
 * kept alive, which would read and discard the rest however large it is.
 */
export function guardRequest(req: IncomingMessage, res: ServerResponse, allowedHosts: ReadonlySet<string>): boolean {
  res.once('finish', () => {
    if (!req.complete) req.socket.destroy()
  })
  const host = req.headers.host?.toLowerCase()
  if (host === undefined || host === '') {
    refuse(res, new HttpError(400, 'invalid_request', 'The request has no Host header.'))
    return true
  }
  if (!allowedHosts.has(host)) {
    const expected = [...allowedHosts].join(', ')
    refuse(
      res,
      new HttpError(
        421,
        'misdirected_request',
        `This sandbox only answers requests for its own loopback address (Host: ${expected}); refusing Host "${host.slice(0, 100)}".`,
      ),
    )
    return true
  }
  const declared = Number(req.headers['content-length'] ?? 0)
  const limit = bodyLimitOf(pathOf(req.url ?? '/'))
  if (declared > limit) {
    refuse(res, payloadTooLarge(limit))
    return true
  }
  return false
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://sandbox').pathname
  } catch {
    return url
  }
}

function refuse(res: ServerResponse, error: HttpError): void {
  sendError(
    res,
    new HttpError(error.status, error.code, error.message, error.details, { ...error.headers, Connection: 'close' }),
  )
}
