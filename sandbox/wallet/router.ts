import { HttpError, readBody, sendJson } from '../http'
import type { SandboxDeps } from '../deps'
import { JSON_BODY_LIMIT_BYTES, readJsonObject } from '../json-body'
import { recordAudit } from '../keys/audit'
import { authenticateKey } from '../keys/authenticate-key'
import { idempotencyKeyOf, withIdempotency } from '../keys/idempotency'
import { maskKey, newKeyId, newKeyValue, secretSha256, WALLET_KEY_FORMAT } from '../keys/key-format'
import { DuplicateKeyNameError, type KeyPatch, type StoredKey } from '../keys/key-store'
import { authenticateUser } from '../oidc/bearer-user'
import { createDialectRouter, type DialectRouter, type RouteContext } from '../routing'
import { oneYearAfter, wholeSeconds } from '../timestamps'
import type { DemoUser } from '../users'
import { apiAccessOf, requireWalletAccess, walletsOf } from './access'
import { demoItems } from './demo-resources'
import { encodeCursor, parseCreateWalletKey, parseListQuery, parseUpdateWalletKey } from './requests'
import { isWalletResource, permissionFor, rolesToPermissions } from './roles'
import { toWalletKey, toWalletKeyCreated, type WalletKeyCreated } from './wire'

export const WALLET_BASE_PATH = '/wallet'

type UserHandler = (user: DemoUser, context: RouteContext) => Promise<void>

/** The wallet dialect (seed 001; the API is ours: docs/remote-apis.md) under /wallet. */
export function createWallet(deps: SandboxDeps): DialectRouter {
  const { provider, keys, idempotency, clock } = deps
  const signedIn =
    (handler: UserHandler) =>
    async (context: RouteContext): Promise<void> =>
      handler(await authenticateUser(provider, context.req), context)

  const keyInWallet = async (walletId: string, keyId: string): Promise<StoredKey> => {
    const key = await keys.get('wallet', keyId)
    // A key of another wallet is "not here", whether or not the caller could see that wallet.
    if (!key || key.tenantId !== walletId)
      throw new HttpError(404, 'not_found', 'No API key with this id in this wallet.', { keyId })
    return key
  }

  const listWallets: UserHandler = async (user, { res }) => {
    sendJson(res, 200, { wallets: walletsOf(user).map(({ id, name }) => ({ id, name, access: apiAccessOf(user) })) })
  }

  const listKeys: UserHandler = async (user, { res, url, params }) => {
    const walletId = params.walletId ?? ''
    requireWalletAccess(user, walletId, 'read')
    const { limit, offset } = parseListQuery(url.searchParams)
    const { items, total } = await keys.list({ dialect: 'wallet', tenantId: walletId, offset, limit })
    const next = offset + items.length
    sendJson(res, 200, {
      apiKeys: items.map(toWalletKey),
      nextCursor: items.length > 0 && next < total ? encodeCursor(next) : null,
    })
  }

  const getKey: UserHandler = async (user, { res, params }) => {
    const walletId = params.walletId ?? ''
    requireWalletAccess(user, walletId, 'read')
    sendJson(res, 200, toWalletKey(await keyInWallet(walletId, params.keyId ?? '')))
  }

  const createKey: UserHandler = async (user, { req, res, params }) => {
    const walletId = params.walletId ?? ''
    requireWalletAccess(user, walletId, 'change')
    const idempotencyKey = idempotencyKeyOf(req)
    const json = await readJsonObject(req)
    const request = parseCreateWalletKey(json, clock())
    const idempotent = {
      key: idempotencyKey,
      scope: `wallet:${walletId}`,
      caller: user.username,
      request: json,
      findKey: (id: string) => keys.get('wallet', id),
      now: clock(),
    }
    const created = await withIdempotency(idempotency, idempotent, async () => {
      // The wire format has second precision; storing the same keeps GET equal to the 201.
      const createdAt = wholeSeconds(clock())
      const value = newKeyValue(WALLET_KEY_FORMAT)
      const key: StoredKey = {
        id: newKeyId(WALLET_KEY_FORMAT.prefix),
        dialect: 'wallet',
        tenantId: walletId,
        name: request.name,
        permissions: rolesToPermissions(request.roles),
        status: 'active',
        createdAt,
        expiresAt: request.expiresAt ?? oneYearAfter(createdAt),
        lastUsedAt: null,
        notes: request.notes,
        masked: maskKey(value, WALLET_KEY_FORMAT),
        publicId: null,
        secretSha256: secretSha256(value),
        encryptedSecret: null,
        createdBy: user.username,
      }
      try {
        await keys.insert(key, { uniqueName: true })
      } catch (error) {
        if (!(error instanceof DuplicateKeyNameError)) throw error
        throw new HttpError(409, 'conflict', `An API key named "${request.name}" already exists in this wallet.`, {
          field: 'name',
        })
      }
      await recordAudit(deps, {
        actor: user.username,
        action: 'created',
        dialect: 'wallet',
        tenantId: walletId,
        keyId: key.id,
        keyName: key.name,
        details: { permissions: key.permissions, expiresAt: key.expiresAt?.toISOString() ?? null },
      })
      const body: WalletKeyCreated = toWalletKeyCreated(key, value)
      return {
        status: 201,
        body,
        headers: { Location: `${WALLET_BASE_PATH}/v1/wallets/${walletId}/apikeys/${key.id}` },
        keyId: key.id,
      }
    })
    sendJson(res, created.status, created.body, created.headers)
  }

  const updateKey: UserHandler = async (user, { req, res, params }) => {
    const walletId = params.walletId ?? ''
    const keyId = params.keyId ?? ''
    requireWalletAccess(user, walletId, 'change')
    const request = parseUpdateWalletKey(await readJsonObject(req))
    const existing = await keyInWallet(walletId, keyId)
    const patch: KeyPatch = {}
    if (request.roles) patch.permissions = rolesToPermissions(request.roles)
    if (request.notes !== undefined) patch.notes = request.notes
    const updated = await keys.update('wallet', keyId, patch)
    if (!updated) throw new HttpError(404, 'not_found', 'No API key with this id in this wallet.', { keyId })
    const changed: string[] = []
    if (patch.permissions && patch.permissions.join(' ') !== existing.permissions.join(' ')) changed.push('roles')
    if (patch.notes !== undefined && patch.notes !== existing.notes) changed.push('notes')
    if (changed.length > 0) {
      await recordAudit(deps, {
        actor: user.username,
        action: 'updated',
        dialect: 'wallet',
        tenantId: walletId,
        keyId,
        keyName: existing.name,
        // Notes are free text the caller chose; the audit records that they changed, not what they say.
        details: {
          changed,
          ...(changed.includes('roles') ? { permissions: { from: existing.permissions, to: patch.permissions } } : {}),
        },
      })
    }
    sendJson(res, 200, toWalletKey(updated))
  }

  const deleteKey: UserHandler = async (user, { res, params }) => {
    const walletId = params.walletId ?? ''
    const keyId = params.keyId ?? ''
    requireWalletAccess(user, walletId, 'change')
    const existing = await keyInWallet(walletId, keyId)
    if (!(await keys.delete('wallet', keyId)))
      throw new HttpError(404, 'not_found', 'No API key with this id in this wallet.', { keyId })
    await idempotency.forgetAnswersFor(keyId)
    await recordAudit(deps, {
      actor: user.username,
      action: 'deleted',
      dialect: 'wallet',
      tenantId: walletId,
      keyId,
      keyName: existing.name,
      details: {},
    })
    res.writeHead(204, { 'Cache-Control': 'no-store' }).end()
  }

  const demo =
    (method: 'GET' | 'POST') =>
    async ({ req, res, params }: RouteContext): Promise<void> => {
      const resource = params.resource ?? ''
      if (!isWalletResource(resource)) throw new HttpError(404, 'not_found', 'No such wallet resource.', { resource })
      const key = await authenticateKey(deps, req, 'wallet', WALLET_KEY_FORMAT, 'x-api-key')
      const access = method === 'GET' ? 'view' : 'change'
      if (!key.permissions.includes(permissionFor(resource, method))) {
        throw new HttpError(403, 'forbidden', `This API key lacks the ${access} role on ${resource}.`, {
          requiredRole: { [resource]: access },
        })
      }
      if (method === 'GET') {
        sendJson(res, 200, { walletId: key.tenantId, resource, items: demoItems(resource, key.tenantId) })
        return
      }
      await readBody(req, JSON_BODY_LIMIT_BYTES)
      sendJson(res, 200, { walletId: key.tenantId, resource, accepted: true })
    }

  return createDialectRouter(WALLET_BASE_PATH, [
    { method: 'GET', path: '/v1/wallets', handle: signedIn(listWallets) },
    { method: 'GET', path: '/v1/wallets/{walletId}/apikeys', handle: signedIn(listKeys) },
    { method: 'POST', path: '/v1/wallets/{walletId}/apikeys', handle: signedIn(createKey) },
    { method: 'GET', path: '/v1/wallets/{walletId}/apikeys/{keyId}', handle: signedIn(getKey) },
    { method: 'PATCH', path: '/v1/wallets/{walletId}/apikeys/{keyId}', handle: signedIn(updateKey) },
    { method: 'DELETE', path: '/v1/wallets/{walletId}/apikeys/{keyId}', handle: signedIn(deleteKey) },
    { method: 'GET', path: '/v1/demo/{resource}', handle: demo('GET') },
    { method: 'POST', path: '/v1/demo/{resource}', handle: demo('POST') },
  ])
}
