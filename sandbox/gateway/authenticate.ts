import type { IncomingMessage } from 'node:http'
import type { Provider } from 'oidc-provider'
import { HttpError } from '../http'
import { CLIENT_ACTS_AS } from '../oidc/clients'
import type { Role } from '../roles'
import { findUser } from '../users'
import { gatewayPermissionsOf } from './scopes'

export interface GatewayPrincipal {
  username: string
  role: Role
  /** Key scopes and management permissions the caller holds. */
  permissions: ReadonlySet<string>
}

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i

const unauthorized = (message: string, challenge: string): HttpError =>
  new HttpError(401, 'unauthorized', message, {}, { 'WWW-Authenticate': challenge })

/** Resolves `Authorization: Bearer <access token>` to the user it acts for, or throws a 401. */
export async function authenticate(provider: Provider, req: IncomingMessage): Promise<GatewayPrincipal> {
  const header = req.headers.authorization
  if (!header) {
    // RFC 6750 §3.1: a request without credentials gets a challenge without an error code.
    throw unauthorized('An access token is required.', 'Bearer realm="keywarden-sandbox"')
  }
  const token = BEARER.exec(header)?.[1]
  const invalid = unauthorized('The access token is invalid or has expired.', 'Bearer realm="keywarden-sandbox", error="invalid_token"')
  if (!token) throw invalid

  const userToken = await provider.AccessToken.find(token)
  const clientToken = userToken ? undefined : await provider.ClientCredentials.find(token)
  const username = userToken?.accountId ?? (clientToken ? CLIENT_ACTS_AS[clientToken.clientId] : undefined)
  const user = username === undefined ? undefined : findUser(username)
  if (!user) throw invalid
  return { username: user.username, role: user.role, permissions: gatewayPermissionsOf(user.role) }
}
