import Provider, { type AdapterFactory, type Client } from 'oidc-provider'
import type { ProviderKeys } from '../db/provider-keys'
import { findUser } from '../users'
import { clientsWith, FIRST_PARTY_CLIENTS } from './clients'
import { allowPerAttemptLoopbackPaths } from './loopback-redirects'
import { renderErrorPage } from './login-page'

export interface OidcProviderOptions {
  /** The sandbox base URL; it is the issuer and the provider is mounted at its root. */
  issuer: string
  accessTokenTtlSeconds: number
  adapter: AdapterFactory
  /** Signing and cookie keys; persisted with the data folder so tokens and sessions outlive a restart. */
  keys: ProviderKeys
  /** The `sandbox-cli` client secret (per data folder). */
  cliClientSecret: string
}

const DAY = 24 * 60 * 60
const isFirstParty = (clientId: string): boolean => clientId in FIRST_PARTY_CLIENTS

// A client may only revoke or introspect the tokens issued to it.
const ownTokensOnly = async (_ctx: unknown, client: Client, token: { clientId: string }): Promise<boolean> =>
  token.clientId === client.clientId

export function createOidcProvider({
  issuer,
  accessTokenTtlSeconds,
  adapter,
  keys,
  cliClientSecret,
}: OidcProviderOptions): Provider {
  const provider = new Provider(issuer, {
    adapter,
    clients: clientsWith(cliClientSecret),
    jwks: keys.jwks,
    cookies: { keys: keys.cookieKeys },
    scopes: ['openid', 'profile', 'offline_access'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    async findAccount(_ctx, sub) {
      const user = findUser(sub)
      if (!user) return undefined
      return {
        accountId: user.username,
        claims: () => ({ sub: user.username, name: user.name, preferred_username: user.username }),
      }
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true, allowedPolicy: ownTokensOnly },
      introspection: { enabled: true, allowedPolicy: ownTokensOnly },
    },
    pkce: { required: () => true },
    // oidc-provider drops offline_access from the scope unless the request also says
    // prompt=consent (OpenID Connect Core §11). Consent is implied for the first-party desktop
    // app, so it gets a refresh token on every code exchange whether or not it sent prompt=consent,
    // and that token does not depend on the browser's sign-in session.
    issueRefreshToken: (_ctx, client, source) =>
      client.grantTypeAllowed('refresh_token') &&
      (isFirstParty(client.clientId) || source.scopes.has('offline_access')),
    expiresWithSession: (_ctx: unknown, source: { clientId: string; scopes: Set<string> }) =>
      !isFirstParty(source.clientId) && !source.scopes.has('offline_access'),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // No browser-based clients: nothing needs cross-origin access to the provider.
    clientBasedCORS: () => false,
    renderError: (ctx: { type: string; body: string }, out: Record<string, unknown>) => {
      ctx.type = 'html'
      ctx.body = renderErrorPage(out)
    },
    ttl: {
      AccessToken: accessTokenTtlSeconds,
      ClientCredentials: accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      RefreshToken: 14 * DAY,
      Interaction: 60 * 60,
      Session: 14 * DAY,
      Grant: 14 * DAY,
    },
  })
  allowPerAttemptLoopbackPaths(provider)
  return provider
}
