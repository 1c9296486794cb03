import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Provider } from 'oidc-provider'
import { HttpError, isJsonContentType, readBody, sendJson } from '../http'
import { ApiKeyCipher, maskApiKey, newApiKeyId, newApiKeyValue, sha256Hex } from './api-key-material'
import type { ApiKeyStore, StoredApiKey } from './api-key-store'
import { authenticate, type GatewayPrincipal } from './authenticate'
import { parseCreateApiKey, parsePageQuery } from './requests'
import { pageLinkHref, toCreatedResponse, toResource } from './wire'

export const GATEWAY_BASE_PATH = '/gateway'
const BODY_LIMIT_BYTES = 64 * 1024

export interface GatewayDependencies {
  provider: Provider
  store: ApiKeyStore
  cipher: ApiKeyCipher
}

type Handler = (principal: GatewayPrincipal, req: IncomingMessage, res: ServerResponse, url: URL, id?: string) => Promise<void>

/** The gateway dialect (seed 000) under /gateway. Returns a handler for paths below the base. */
export function createGateway({ provider, store, cipher }: GatewayDependencies) {
  const listKeys: Handler = async (_principal, _req, res, url) => {
    const { page, size } = parsePageQuery(url.searchParams)
    const { items, total } = await store.list({ offset: page * size, limit: size })
    const totalPages = Math.ceil(total / size)
    sendJson(res, 200, {
      _embedded: { apikeys: items.map(toResource) },
      page: { size, number: page, totalElements: total, totalPages },
      _links: {
        self: { href: pageLinkHref(page, size) },
        ...(page + 1 < totalPages ? { next: { href: pageLinkHref(page + 1, size) } } : {}),
        ...(page > 0 ? { prev: { href: pageLinkHref(page - 1, size) } } : {}),
      },
    })
  }

  const getKey: Handler = async (_principal, _req, res, _url, id) => {
    const key = id === undefined ? undefined : await store.get(id)
    if (!key) throw new HttpError(404, 'not_found', 'No API key with this id.', { id })
    sendJson(res, 200, toResource(key))
  }

  const createKey: Handler = async (principal, req, res) => {
    if (!isJsonContentType(req)) throw new HttpError(400, 'invalid_request', 'Content-Type must be application/json.')
    const body = await readBody(req, BODY_LIMIT_BYTES)
    let json: unknown
    try {
      json = JSON.parse(body.toString('utf8'))
    } catch {
      throw new HttpError(400, 'invalid_request', 'Request body must be valid JSON.')
    }
    const request = parseCreateApiKey(json)
    const missing = request.scopes.filter((scope) => !principal.permissions.has(scope))
    if (missing.length > 0) {
      throw new HttpError(403, 'forbidden', `You can only grant scopes you hold yourself; missing: ${missing.join(' ')}.`, {
        missingScopes: missing,
      })
    }
    const id = newApiKeyId()
    const value = newApiKeyValue()
    const key: StoredApiKey = {
      id,
      name: request.name,
      scopes: request.scopes,
      status: 'Active',
      createdAt: new Date(),
      expiresAt: null,
      lastUsedAt: null,
      maskedApiKey: maskApiKey(value),
      keySha256: sha256Hex(value),
      encryptedKey: cipher.encrypt(value, id),
    }
    await store.insert(key)
    sendJson(res, 201, toCreatedResponse(key, value), { Location: `${GATEWAY_BASE_PATH}/v1/apikeys/${id}` })
  }

  const routes: Array<{ pattern: RegExp; methods: Record<string, Handler> }> = [
    { pattern: /^\/v1\/apikeys\/?$/, methods: { GET: listKeys, POST: createKey } },
    { pattern: /^\/v1\/apikeys\/(apk_[A-Za-z0-9]+)$/, methods: { GET: getKey } },
  ]

  /** `path` is below /gateway, without the query string. */
  return async function handleGateway(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    for (const { pattern, methods } of routes) {
      const match = pattern.exec(path)
      if (!match) continue
      const handler = methods[req.method ?? '']
      if (!handler) {
        throw new HttpError(405, 'method_not_allowed', `${req.method ?? ''} is not allowed here.`, {}, { Allow: Object.keys(methods).join(', ') })
      }
      const principal = await authenticate(provider, req)
      await handler(principal, req, res, url, match[1])
      return
    }
    throw new HttpError(404, 'not_found', 'No such gateway resource.')
  }
}
