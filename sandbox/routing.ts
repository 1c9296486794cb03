import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError } from './http'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RouteContext {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  /** Path parameters by template name, URI-decoded. */
  params: Readonly<Record<string, string>>
}

export interface Route {
  method: HttpMethod
  /** OpenAPI-style template below the dialect's base path, e.g. `/v1/apikeys/{id}`. */
  path: string
  handle(context: RouteContext): Promise<void>
}

/** A route as the OpenAPI document names it: full path template (base included). */
export interface RouteInfo {
  method: HttpMethod
  path: string
}

/** One dialect mounted under its base path (`/gateway`, `/wallet`, `/pulse`). */
export interface DialectRouter {
  basePath: string
  /** Full path templates, so the OpenAPI test can compare the document with what is served. */
  routes: readonly RouteInfo[]
  /** Handles a request whose path is the base path or below it. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>
}

/** The message of a 404 for a path no route serves (as opposed to a resource that does not exist). */
export const NO_ROUTE_MESSAGE = 'No such resource path.'

const PARAM = /\{([A-Za-z][A-Za-z0-9_]*)\}/g

function compile(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = []
  const source = template
    .split(PARAM)
    .map((part, index) => {
      if (index % 2 === 1) {
        names.push(part)
        return '([^/]+)'
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('')
  return { pattern: new RegExp(`^${source}/?$`), names }
}

/**
 * Table-driven routing: every route is declared once, and that declaration is both what is
 * served and what the OpenAPI test checks. A known path with another method gets 405 + Allow.
 */
export function createDialectRouter(basePath: string, routes: readonly Route[]): DialectRouter {
  const compiled = routes.map((route) => ({ route, ...compile(route.path) }))
  return {
    basePath,
    routes: routes.map(({ method, path }) => ({ method, path: basePath + path })),
    async handle(req, res, url) {
      const path = url.pathname.slice(basePath.length)
      const allowed: string[] = []
      for (const { route, pattern, names } of compiled) {
        const match = pattern.exec(path)
        if (!match) continue
        if (route.method !== req.method) {
          allowed.push(route.method)
          continue
        }
        const params: Record<string, string> = {}
        names.forEach((name, index) => {
          params[name] = decodePathSegment(match[index + 1] ?? '')
        })
        await route.handle({ req, res, url, params })
        return
      }
      if (allowed.length > 0) {
        throw new HttpError(
          405,
          'method_not_allowed',
          `${req.method ?? ''} is not allowed here.`,
          {},
          { Allow: [...new Set(allowed)].join(', ') },
        )
      }
      throw new HttpError(404, 'not_found', NO_ROUTE_MESSAGE, { path: url.pathname })
    },
  }
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, 'invalid_request', 'The path contains an invalid escape sequence.')
  }
}
