import type { SandboxDeps } from '../deps'
import { HttpError, readBody, sendJson } from '../http'
import { JSON_BODY_LIMIT_BYTES, readJsonObject } from '../json-body'
import { recordAudit } from '../keys/audit'
import { throttledKeyCheck } from '../keys/authenticate-key'
import { passwordLogin } from '../password-login'
import { idempotencyKeyOf, withIdempotency } from '../keys/idempotency'
import { maskKey, newKeyValue, PULSE_SECRET_FORMAT, secretSha256 } from '../keys/key-format'
import type { KeyPatch, StoredKey } from '../keys/key-store'
import { createDialectRouter, type DialectRouter, type RouteContext } from '../routing'
import { toWireTime, wholeSeconds } from '../timestamps'
import { newPulseKeyId, newPulsePublicId } from './credentials'
import { demoItems } from './demo-resources'
import { DEMO_RESOURCES, normalizePermissions, permissionFor } from './permissions'
import {
  authenticatePulse,
  requirePermission,
  selectAccount,
  verifyKeyAndSecret,
  type AccountScope,
  type PulsePrincipal,
} from './principal'
import { parseCreatePulseKey, parseListQuery, parseLogin, parseUpdatePulseKey } from './requests'
import { DEFAULT_SESSION_TTL_SECONDS, PulseSessions } from './sessions'
import { toPulseKey, toPulseKeyCreated, type PulseKeyCreated } from './wire'

export const PULSE_BASE_PATH = '/pulse'

export interface PulseOptions {
  /** Lifetime of `POST /pulse/auth/login` session tokens. Default 3600. */
  sessionTtlSeconds?: number
}

type ScopedHandler = (principal: PulsePrincipal, scope: AccountScope, context: RouteContext) => Promise<void>

/** The pulse dialect (seed 002, docs/remote-apis.md) under /pulse. */
export function createPulse(
  deps: SandboxDeps,
  { sessionTtlSeconds = DEFAULT_SESSION_TTL_SECONDS }: PulseOptions = {},
): DialectRouter {
  const { keys, idempotency, clock } = deps
  const sessions = new PulseSessions(sessionTtlSeconds, clock)
  const authenticate = (context: RouteContext) => authenticatePulse({ ...deps, sessions }, context.req)

  /** Authenticates, then picks the account from `x-account-id`, so every handler works on one account. */
  const inAccount =
    (handler: ScopedHandler) =>
    async (context: RouteContext): Promise<void> => {
      const principal = await authenticate(context)
      await handler(principal, selectAccount(principal, context.req), context)
    }

  const keyInAccount = async (scope: AccountScope, id: string): Promise<StoredKey> => {
    const key = await keys.get('pulse', id)
    // A key of another account is "not here": ids are account-scoped like everything else.
    if (!key || key.tenantId !== scope.account.id)
      throw new HttpError(404, 'not_found', 'No API key with this id in this account.', { id })
    return key
  }

  /** Seed 002: a caller assigns only permissions it holds on that account. */
  const requireGrantable = (scope: AccountScope, permissions: readonly string[]): void => {
    const missing = permissions.filter((permission) => !scope.permissions.has(permission))
    if (missing.length > 0) {
      throw new HttpError(
        403,
        'forbidden',
        `You can only grant permissions you hold on this account; missing: ${missing.join(', ')}.`,
        {
          missingPermissions: missing,
          accountId: scope.account.id,
        },
      )
    }
  }

  const login = async ({ req, res }: RouteContext): Promise<void> => {
    const request = parseLogin(await readJsonObject(req))
    let session: { token: string; expiresAt: Date }
    if (request.kind === 'key') {
      const { apiKey, apiSecret } = request
      const key = await throttledKeyCheck(deps.throttles, req, apiKey, () =>
        verifyKeyAndSecret(deps, apiKey, apiSecret),
      )
      session = sessions.start({ kind: 'key', keyId: key.id })
    } else {
      const user = await passwordLogin(deps, req, request.username, request.password)
      session = sessions.start({ kind: 'user', username: user.username })
    }
    sendJson(res, 200, { token: session.token, expiresAt: toWireTime(session.expiresAt) })
  }

  const listAccounts = async (context: RouteContext): Promise<void> => {
    const principal = await authenticate(context)
    sendJson(context.res, 200, {
      // With the permissions held there, so a client can offer only what the caller may grant.
      accounts: principal.accounts.map(({ account, permissions }, index) => ({
        id: account.id,
        name: account.name,
        primary: index === 0,
        permissions: normalizePermissions([...permissions]),
      })),
    })
  }

  const listKeys: ScopedHandler = async (_principal, scope, { res, url }) => {
    requirePermission(scope, 'readApiKeys')
    const { limit, offset } = parseListQuery(url.searchParams)
    const { items, total } = await keys.list({ dialect: 'pulse', tenantId: scope.account.id, offset, limit })
    sendJson(res, 200, { apiKeys: items.map(toPulseKey), total })
  }

  const getKey: ScopedHandler = async (_principal, scope, { res, params }) => {
    requirePermission(scope, 'readApiKeys')
    sendJson(res, 200, toPulseKey(await keyInAccount(scope, params.id ?? '')))
  }

  const createKey: ScopedHandler = async (principal, scope, { req, res }) => {
    requirePermission(scope, 'writeApiKeys')
    const idempotencyKey = idempotencyKeyOf(req)
    const json = await readJsonObject(req)
    const request = parseCreatePulseKey(json, clock())
    requireGrantable(scope, request.permissions)
    const accountId = scope.account.id
    const idempotent = {
      key: idempotencyKey,
      scope: `pulse:${accountId}`,
      caller: principal.actor,
      request: json,
      findKey: (id: string) => keys.get('pulse', id),
      now: clock(),
    }
    const created = await withIdempotency(idempotency, idempotent, async () => {
      // The wire format has second precision; storing the same keeps GET equal to the 201.
      const createdAt = wholeSeconds(clock())
      const secret = newKeyValue(PULSE_SECRET_FORMAT)
      const key: StoredKey = {
        id: newPulseKeyId(),
        dialect: 'pulse',
        tenantId: accountId,
        name: request.name,
        permissions: request.permissions,
        status: 'active',
        createdAt,
        expiresAt: request.expiresAt,
        lastUsedAt: null,
        notes: null,
        masked: maskKey(secret, PULSE_SECRET_FORMAT),
        publicId: newPulsePublicId(),
        secretSha256: secretSha256(secret),
        encryptedSecret: null,
        createdBy: principal.actor,
      }
      await keys.insert(key)
      await recordAudit(deps, {
        actor: principal.actor,
        action: 'created',
        dialect: 'pulse',
        tenantId: accountId,
        keyId: key.id,
        keyName: key.name,
        details: { permissions: key.permissions, expiresAt: key.expiresAt?.toISOString() ?? null },
      })
      const body: PulseKeyCreated = toPulseKeyCreated(key, secret)
      return { status: 201, body, headers: { Location: `${PULSE_BASE_PATH}/apikeys/${key.id}` }, keyId: key.id }
    })
    sendJson(res, created.status, created.body, created.headers)
  }

  const updateKey: ScopedHandler = async (principal, scope, { req, res, params }) => {
    requirePermission(scope, 'writeApiKeys')
    const request = parseUpdatePulseKey(await readJsonObject(req), clock())
    if (request.permissions) requireGrantable(scope, request.permissions)
    const existing = await keyInAccount(scope, params.id ?? '')
    const patch: KeyPatch = {}
    if (request.name !== undefined) patch.name = request.name
    if (request.permissions !== undefined) patch.permissions = request.permissions
    if (request.expiresAt !== undefined) patch.expiresAt = request.expiresAt
    if (request.enabled !== undefined) patch.status = request.enabled ? 'active' : 'disabled'
    const updated = await keys.update('pulse', existing.id, patch)
    if (!updated) throw new HttpError(404, 'not_found', 'No API key with this id in this account.', { id: existing.id })
    const changed = changedFields(existing, updated)
    if (changed.length > 0) {
      await recordAudit(deps, {
        actor: principal.actor,
        action: 'updated',
        dialect: 'pulse',
        tenantId: scope.account.id,
        keyId: existing.id,
        keyName: updated.name,
        details: {
          changed,
          ...(changed.includes('name') ? { name: { from: existing.name, to: updated.name } } : {}),
          ...(changed.includes('permissions')
            ? { permissions: { from: existing.permissions, to: updated.permissions } }
            : {}),
          ...(changed.includes('enabled')
            ? { enabled: { from: existing.status === 'active', to: updated.status === 'active' } }
            : {}),
        },
      })
    }
    sendJson(res, 200, toPulseKey(updated))
  }

  const deleteKey: ScopedHandler = async (principal, scope, { res, params }) => {
    requirePermission(scope, 'writeApiKeys')
    const existing = await keyInAccount(scope, params.id ?? '')
    if (!(await keys.delete('pulse', existing.id)))
      throw new HttpError(404, 'not_found', 'No API key with this id in this account.', { id: existing.id })
    await idempotency.forgetAnswersFor(existing.id)
    await recordAudit(deps, {
      actor: principal.actor,
      action: 'deleted',
      dialect: 'pulse',
      tenantId: scope.account.id,
      keyId: existing.id,
      keyName: existing.name,
      details: {},
    })
    res.writeHead(204, { 'Cache-Control': 'no-store' }).end()
  }

  const demo = (path: string, method: 'GET' | 'POST') => {
    const resource = DEMO_RESOURCES[path.slice(1)]
    if (!resource) throw new Error(`unknown pulse demo resource ${path}`)
    const handle: ScopedHandler = async (_principal, scope, { req, res }) => {
      requirePermission(scope, permissionFor(resource, method))
      if (method === 'GET') {
        sendJson(res, 200, { accountId: scope.account.id, items: demoItems(resource, scope.account.id) })
        return
      }
      await readBody(req, JSON_BODY_LIMIT_BYTES)
      sendJson(res, 200, { accountId: scope.account.id, resource: path.slice(1), accepted: true })
    }
    return { method, path, handle: inAccount(handle) }
  }

  return createDialectRouter(PULSE_BASE_PATH, [
    { method: 'POST', path: '/auth/login', handle: login },
    { method: 'GET', path: '/accounts', handle: listAccounts },
    { method: 'GET', path: '/apikeys', handle: inAccount(listKeys) },
    { method: 'POST', path: '/apikeys', handle: inAccount(createKey) },
    { method: 'GET', path: '/apikeys/{id}', handle: inAccount(getKey) },
    { method: 'PATCH', path: '/apikeys/{id}', handle: inAccount(updateKey) },
    { method: 'DELETE', path: '/apikeys/{id}', handle: inAccount(deleteKey) },
    ...Object.keys(DEMO_RESOURCES).flatMap((name) => [demo(`/${name}`, 'GET'), demo(`/${name}`, 'POST')]),
  ])
}

function changedFields(before: StoredKey, after: StoredKey): string[] {
  const changed: string[] = []
  if (before.name !== after.name) changed.push('name')
  if (before.permissions.join(' ') !== after.permissions.join(' ')) changed.push('permissions')
  if ((before.expiresAt?.getTime() ?? null) !== (after.expiresAt?.getTime() ?? null)) changed.push('expiresAt')
  if (before.status !== after.status) changed.push('enabled')
  return changed
}
