import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Provider } from 'oidc-provider'
import { HttpError } from '../http'
import { acceptKey, keyRejected, throttledKeyCheck } from '../keys/authenticate-key'
import { isWellFormedKey, PULSE_SECRET_FORMAT, secretSha256 } from '../keys/key-format'
import type { KeyStore, StoredKey } from '../keys/key-store'
import { bearerTokenOf, invalidBearerToken, userOfAccessToken } from '../oidc/bearer-user'
import { findUser, type DemoUser } from '../users'
import { findPulseAccount, type PulseAccount } from './accounts'
import { isWellFormedPublicId, looksLikeSessionToken } from './credentials'
import { permissionsOfRole } from './permissions'
import type { PulseSessions } from './sessions'
import type { FailureThrottle } from '../throttle/failure-throttle'

export interface AccountScope {
  account: PulseAccount
  permissions: ReadonlySet<string>
}

/** Whoever calls: a user, or an API key acting only on its own account with its own permissions. */
export interface PulsePrincipal {
  /** For the audit log: a username, or the key's public `apiKey-…` id. */
  actor: string
  /** Accounts the caller may use, the primary one first, each with the permissions held there. */
  accounts: readonly AccountScope[]
}

interface KeyDeps {
  keys: KeyStore
  clock: () => Date
}

export function userPrincipal(user: DemoUser): PulsePrincipal {
  const permissions = permissionsOfRole(user.role)
  return {
    actor: user.username,
    accounts: user.pulseAccountIds.flatMap((id) => {
      const account = findPulseAccount(id)
      return account ? [{ account, permissions }] : []
    }),
  }
}

function keyPrincipal(key: StoredKey): PulsePrincipal {
  const account = findPulseAccount(key.tenantId)
  return {
    actor: key.publicId ?? key.id,
    accounts: account ? [{ account, permissions: new Set(key.permissions) }] : [],
  }
}

const NO_HASH = Buffer.alloc(32)

/**
 * The pulse key with this public id and secret (usable now, and marked as used), or a 401 that does
 * not say which half was wrong. A malformed secret is refused before any lookup.
 */
export async function verifyKeyAndSecret(deps: KeyDeps, apiKey: string, apiSecret: string): Promise<StoredKey> {
  if (!isWellFormedPublicId(apiKey) || !isWellFormedKey(apiSecret, PULSE_SECRET_FORMAT)) throw keyRejected('malformed')
  const key = await deps.keys.findByPublicId(apiKey)
  const stored = key?.dialect === 'pulse' ? Buffer.from(key.secretSha256, 'hex') : NO_HASH
  const matches = timingSafeEqual(stored, Buffer.from(secretSha256(apiSecret), 'hex'))
  if (!key || key.dialect !== 'pulse' || !matches) throw keyRejected('unknown')
  return acceptKey(deps, key)
}

export interface PrincipalSources extends KeyDeps {
  provider: Provider
  sessions: PulseSessions
  throttles: { apiKeys: FailureThrottle }
}

/**
 * Pulse accepts three credentials (seed 002): `x-api-key` + `x-api-secret`, a pulse session token,
 * or an OIDC access token from the sandbox's provider — the last two both as `Authorization: Bearer`.
 */
export async function authenticatePulse(sources: PrincipalSources, req: IncomingMessage): Promise<PulsePrincipal> {
  const apiKey = req.headers['x-api-key']
  const apiSecret = req.headers['x-api-secret']
  if (apiKey !== undefined || apiSecret !== undefined) {
    if (typeof apiKey !== 'string' || typeof apiSecret !== 'string' || apiKey === '' || apiSecret === '') {
      throw new HttpError(401, 'unauthorized', 'Direct API key authentication needs both x-api-key and x-api-secret.', {
        reason: 'missing',
      })
    }
    return keyPrincipal(
      await throttledKeyCheck(sources.throttles, req, apiKey, () => verifyKeyAndSecret(sources, apiKey, apiSecret)),
    )
  }

  const token = bearerTokenOf(req)
  if (!looksLikeSessionToken(token)) {
    const user = await userOfAccessToken(sources.provider, token)
    if (!user) throw invalidBearerToken()
    return userPrincipal(user)
  }
  const subject = sources.sessions.find(token)
  if (!subject) {
    throw new HttpError(
      401,
      'unauthorized',
      'The session token is invalid or has expired.',
      {},
      {
        'WWW-Authenticate': 'Bearer realm="keywarden-sandbox", error="invalid_token"',
      },
    )
  }
  if (subject.kind === 'user') {
    const user = findUser(subject.username)
    if (!user) throw invalidBearerToken()
    return userPrincipal(user)
  }
  // The key is read again on every use, so disabling, expiring or deleting it ends its sessions too.
  const key = await sources.keys.get('pulse', subject.keyId)
  if (!key) throw keyRejected('unknown')
  return keyPrincipal(await acceptKey(sources, key))
}

/** `x-account-id` picks the account (default: the primary one); one the caller may not use is a 403. */
export function selectAccount(principal: PulsePrincipal, req: IncomingMessage): AccountScope {
  const requested = req.headers['x-account-id']
  if (requested === undefined) {
    const primary = principal.accounts[0]
    if (!primary) throw new HttpError(403, 'forbidden', 'You may not use any pulse account.')
    return primary
  }
  const scope = principal.accounts.find(({ account }) => account.id === requested)
  if (!scope) throw new HttpError(403, 'forbidden', 'You may not use this account.', { accountId: String(requested) })
  return scope
}

/** 403 naming the permission when the caller does not hold it on the selected account. */
export function requirePermission(scope: AccountScope, permission: string): void {
  if (!scope.permissions.has(permission)) {
    throw new HttpError(403, 'forbidden', `This needs the ${permission} permission on account ${scope.account.id}.`, {
      missingPermissions: [permission],
      accountId: scope.account.id,
    })
  }
}
