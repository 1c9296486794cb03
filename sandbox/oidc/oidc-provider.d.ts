// oidc-provider ships no type declarations and @types/oidc-provider is not installed.
// This covers only the surface the sandbox uses; widen it when the sandbox needs more.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export type AdapterPayload = Record<string, unknown> & {
    jti?: string
    kind?: string
    grantId?: string
    userCode?: string
    uid?: string
    consumed?: number
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void>
    find(id: string): Promise<AdapterPayload | undefined>
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>
    findByUid(uid: string): Promise<AdapterPayload | undefined>
    consume(id: string): Promise<void>
    destroy(id: string): Promise<void>
    revokeByGrantId(grantId: string): Promise<void>
  }

  export type AdapterFactory = (modelName: string) => Adapter

  export interface ClaimsSource {
    accountId: string
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>
  }

  export interface ClientMetadata {
    client_id: string
    client_secret?: string
    application_type?: 'web' | 'native'
    token_endpoint_auth_method?: string
    grant_types?: string[]
    response_types?: string[]
    redirect_uris?: string[]
    scope?: string
    id_token_signed_response_alg?: string
    [key: string]: unknown
  }

  export interface Client {
    clientId: string
    applicationType: string
    redirectUris: string[]
    clientAuthMethod: string
    grantTypeAllowed(type: string): boolean
  }

  export interface Configuration {
    adapter?: AdapterFactory
    clients?: ClientMetadata[]
    clientDefaults?: Partial<ClientMetadata>
    cookies?: { keys?: string[]; long?: Record<string, unknown>; short?: Record<string, unknown> }
    claims?: Record<string, string[] | null>
    scopes?: string[]
    features?: Record<string, { enabled: boolean; [option: string]: unknown }>
    findAccount?: (ctx: unknown, sub: string) => Promise<ClaimsSource | undefined>
    interactions?: { url?: (ctx: unknown, interaction: Interaction) => string | Promise<string> }
    issueRefreshToken?: (ctx: unknown, client: Client, source: { scopes: Set<string> }) => Promise<boolean> | boolean
    jwks?: { keys: Array<Record<string, unknown>> }
    pkce?: { required?: (ctx: unknown, client: Client) => boolean }
    ttl?: Record<string, number | ((...args: unknown[]) => number)>
    [option: string]: unknown
  }

  export interface PromptDetail {
    /** 'login', 'consent' or a custom prompt's name. */
    name: string
    reasons: string[]
    details: {
      missingOIDCScope?: string[]
      missingOIDCClaims?: string[]
      missingResourceScopes?: Record<string, string[]>
      [detail: string]: unknown
    }
  }

  export interface Interaction {
    uid: string
    prompt: PromptDetail
    params: Record<string, unknown> & { client_id?: string; scope?: string }
    session?: { accountId: string; uid: string }
    grantId?: string
    returnTo: string
  }

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean }
    consent?: { grantId?: string }
    [key: string]: unknown
  }

  export interface Grant {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    addResourceScope(resource: string, scope: string): void
    save(): Promise<string>
  }

  export interface GrantConstructor {
    new (properties: { accountId: string; clientId: string }): Grant
    find(id: string): Promise<Grant | undefined>
  }

  export interface IssuedToken {
    jti: string
    clientId: string
    accountId?: string
    scope?: string
    exp?: number
    grantId?: string
  }

  export interface TokenModel<T extends IssuedToken> {
    find(value: string, options?: { ignoreExpiration?: boolean }): Promise<T | undefined>
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration)
    readonly issuer: string
    proxy: boolean
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>
    on(event: string, listener: (...args: unknown[]) => void): this
    readonly Grant: GrantConstructor
    /** The client model; its prototype may be extended (oidc-provider's documented recipes do so). */
    readonly Client: { prototype: Client & { redirectUriAllowed(this: Client, value: string): boolean } }
    readonly AccessToken: TokenModel<IssuedToken>
    readonly ClientCredentials: TokenModel<IssuedToken>
  }

  export namespace errors {
    class OIDCProviderError extends Error {
      status: number
      error: string
      error_description?: string
    }
    class SessionNotFound extends OIDCProviderError {}
  }

  export default Provider
}
