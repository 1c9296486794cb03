import type { IncomingMessage } from 'node:http'
import type { Provider } from 'oidc-provider'
import { HttpError } from '../http'
import { findUser, type DemoUser } from '../users'
import { CLIENT_ACTS_AS } from './clients'

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i
const REALM = 'Bearer realm="keywarden-sandbox"'

const unauthorized = (message: string, challenge: string): HttpError =>
  new HttpError(401, 'unauthorized', message, {}, { 'WWW-Authenticate': challenge })

export const invalidBearerToken = (): HttpError =>
  unauthorized('The access token is invalid or has expired.', `${REALM}, error="invalid_token"`)

/**
 * The token of `Authorization: Bearer <token>`, or a 401. Without any credentials the challenge
 * carries no error code (RFC 6750 §3.1), so a client can tell "not signed in" from "token refused".
 */
export function bearerTokenOf(req: IncomingMessage): string {
  const header = req.headers.authorization
  if (!header) throw unauthorized('An access token is required.', REALM)
  const token = BEARER.exec(header)?.[1]
  if (!token) throw invalidBearerToken()
  return token
}

/** The demo user an access token of the sandbox's provider acts for (machine clients act as a user). */
export async function userOfAccessToken(provider: Provider, token: string): Promise<DemoUser | undefined> {
  const userToken = await provider.AccessToken.find(token)
  const clientToken = userToken ? undefined : await provider.ClientCredentials.find(token)
  const username = userToken?.accountId ?? (clientToken ? CLIENT_ACTS_AS[clientToken.clientId] : undefined)
  return username === undefined ? undefined : findUser(username)
}

/** `Authorization: Bearer <OIDC access token>` → the user, or a 401. */
export async function authenticateUser(provider: Provider, req: IncomingMessage): Promise<DemoUser> {
  const user = await userOfAccessToken(provider, bearerTokenOf(req))
  if (!user) throw invalidBearerToken()
  return user
}
