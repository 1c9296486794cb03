import type { SandboxDeps } from '../deps'
import { HttpError, sendJson } from '../http'
import { readJsonObject } from '../json-body'
import { recordAudit } from '../keys/audit'
import { idempotencyKeyOf, withIdempotency } from '../keys/idempotency'
import type { StoredKey } from '../keys/key-store'
import type { Route } from '../routing'
import { authenticate } from './authenticate'
import { newGatewayKey } from './new-key'
import { parseCreateApiKey, parsePageQuery, parseUpdateApiKey } from './requests'
import { DECRYPT_PERMISSION, MANAGE_PERMISSION } from './scopes'
import { fromWireStatus, pageLinkHref, toCreatedResponse, toResource, toWireStatus } from './wire'

/** The management API of seed 000: `/v1/apikeys…`, with an OIDC bearer token. */
export function gatewayKeyRoutes(deps: SandboxDeps, basePath: string): Route[] {
  const { provider, keys, cipher, clock } = deps

  const findKey = async (id: string | undefined): Promise<StoredKey> => {
    const key = id === undefined ? undefined : await keys.get('gateway', id)
    if (!key) throw new HttpError(404, 'not_found', 'No API key with this id.', { id })
    return key
  }

  return [
    {
      method: 'GET',
      path: '/v1/apikeys',
      async handle({ req, res, url }) {
        await authenticate(provider, req)
        const { page, size } = parsePageQuery(url.searchParams)
        const { items, total } = await keys.list({ dialect: 'gateway', tenantId: '', offset: page * size, limit: size })
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
      },
    },
    {
      method: 'POST',
      path: '/v1/apikeys',
      async handle({ req, res }) {
        const principal = await authenticate(provider, req)
        requireManage(principal.permissions)
        const idempotencyKey = idempotencyKeyOf(req)
        const json = await readJsonObject(req)
        const request = parseCreateApiKey(json)
        const missing = request.scopes.filter((scope) => !principal.permissions.has(scope))
        if (missing.length > 0) {
          throw new HttpError(
            403,
            'forbidden',
            `You can only grant scopes you hold yourself; missing: ${missing.join(' ')}.`,
            { missingScopes: missing },
          )
        }
        const idempotent = {
          key: idempotencyKey,
          scope: 'gateway:',
          caller: principal.username,
          request: json,
          findKey: (id: string) => keys.get('gateway', id),
          now: clock(),
        }
        const answer = await withIdempotency(deps.idempotency, idempotent, async () => {
          const { key, value } = newGatewayKey(cipher, {
            name: request.name,
            scopes: request.scopes,
            createdBy: principal.username,
            // The wire format has second precision; storing the same keeps GET equal to the 201.
            createdAt: new Date(Math.floor(clock().getTime() / 1000) * 1000),
          })
          await keys.insert(key)
          await recordAudit(deps, {
            actor: principal.username,
            action: 'created',
            dialect: 'gateway',
            tenantId: '',
            keyId: key.id,
            keyName: key.name,
            details: { scopes: key.permissions },
          })
          return {
            status: 201,
            body: toCreatedResponse(key, value),
            headers: { Location: `${basePath}/v1/apikeys/${key.id}` },
            keyId: key.id,
          }
        })
        sendJson(res, answer.status, answer.body, answer.headers)
      },
    },
    {
      method: 'GET',
      path: '/v1/apikeys/{id}',
      async handle({ req, res, params }) {
        await authenticate(provider, req)
        sendJson(res, 200, toResource(await findKey(params.id)))
      },
    },
    {
      method: 'PATCH',
      path: '/v1/apikeys/{id}',
      async handle({ req, res, params }) {
        const principal = await authenticate(provider, req)
        requireManage(principal.permissions)
        const request = parseUpdateApiKey(await readJsonObject(req))
        const before = await findKey(params.id)
        const changes: Record<string, { from: string; to: string }> = {}
        if (request.name !== undefined && request.name !== before.name)
          changes.name = { from: before.name, to: request.name }
        if (request.status !== undefined && fromWireStatus(request.status) !== before.status) {
          changes.status = { from: toWireStatus(before.status), to: request.status }
        }
        const after = await keys.update('gateway', before.id, {
          ...(changes.name ? { name: request.name } : {}),
          ...(changes.status && request.status ? { status: fromWireStatus(request.status) } : {}),
        })
        if (!after) throw new HttpError(404, 'not_found', 'No API key with this id.', { id: params.id })
        if (Object.keys(changes).length > 0) {
          await recordAudit(deps, {
            actor: principal.username,
            action: 'updated',
            dialect: 'gateway',
            tenantId: '',
            keyId: after.id,
            keyName: after.name,
            details: { changes },
          })
        }
        sendJson(res, 200, toResource(after))
      },
    },
    {
      method: 'DELETE',
      path: '/v1/apikeys/{id}',
      async handle({ req, res, params }) {
        const principal = await authenticate(provider, req)
        requireManage(principal.permissions)
        const key = await findKey(params.id)
        if (!(await keys.delete('gateway', key.id)))
          throw new HttpError(404, 'not_found', 'No API key with this id.', { id: params.id })
        await deps.idempotency.forgetAnswersFor(key.id)
        await recordAudit(deps, {
          actor: principal.username,
          action: 'deleted',
          dialect: 'gateway',
          tenantId: '',
          keyId: key.id,
          keyName: key.name,
          details: {},
        })
        res.writeHead(204, { 'Cache-Control': 'no-store' }).end()
      },
    },
    {
      method: 'PATCH',
      path: '/v1/apikeys/{id}/decrypt',
      async handle({ req, res, params }) {
        const principal = await authenticate(provider, req)
        if (!principal.permissions.has(DECRYPT_PERMISSION)) {
          throw new HttpError(403, 'forbidden', `Revealing a key needs the ${DECRYPT_PERMISSION} permission.`, {
            missingPermission: DECRYPT_PERMISSION,
          })
        }
        const key = await findKey(params.id)
        if (!key.encryptedSecret) throw new HttpError(500, 'internal_error', 'This key has no stored value to reveal.')
        const value = cipher.decrypt(key.encryptedSecret, key.id)
        await recordAudit(deps, {
          actor: principal.username,
          action: 'revealed',
          dialect: 'gateway',
          tenantId: '',
          keyId: key.id,
          keyName: key.name,
          details: {},
        })
        sendJson(res, 200, { id: key.id, key: value })
      },
    },
  ]
}

/** Creating, changing and deleting keys needs `apikey:write` (viewers only look). */
function requireManage(held: ReadonlySet<string>): void {
  if (!held.has(MANAGE_PERMISSION)) {
    throw new HttpError(
      403,
      'forbidden',
      `Creating, changing and deleting keys needs the ${MANAGE_PERMISSION} permission.`,
      { missingPermission: MANAGE_PERMISSION },
    )
  }
}
