import * as oidc from 'openid-client'
import { isLoopbackHost } from '@shared/domain/transport'
import { AppError, describeError } from '../errors'

export interface IssuedTokens {
  accessToken: string
  /** Epoch milliseconds. */
  expiresAt: number
  /** Present when the server issued (or rotated) a refresh token. */
  refreshToken?: string
}

export interface AuthorizationRequest {
  url: URL
  codeVerifier: string
  state: string
}

/** A re-authentication asks the server to sign the user in again rather than reuse its session. */
export interface ReauthParameters {
  /** OpenID Connect `max_age` in seconds. */
  maxAge: number
  /** `prompt=login`: a full sign-in, whatever the server's session. */
  forceLogin: boolean
}

/** What the ID token of a code exchange says about the sign-in, on the server's clock (epoch seconds). */
export interface SignInClaims {
  subject: string
  /** `auth_time`, exactly as the server sent it (absent or malformed when it ignored max_age). */
  authTime: unknown
  issuedAt: number
}

const SCOPES = 'openid profile offline_access'
const REQUEST_TIMEOUT_SECONDS = 15

/** A fresh random `state` for one authorization request. */
export function newState(): string {
  return oidc.randomState()
}

/** OAuth 2.0 / OpenID Connect against one issuer, through openid-client. Holds no token itself. */
export class OidcConnector {
  private configuration: Promise<oidc.Configuration> | undefined

  constructor(
    readonly issuer: string,
    private readonly clientId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs (or reuses) discovery; a profile check calls it to prove the issuer works. */
  async discovery(): Promise<void> {
    await this.discover()
  }

  private discover(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const issuerUrl = new URL(this.issuer)
      const insecureAllowed = issuerUrl.protocol === 'http:' && isLoopbackHost(issuerUrl.hostname)
      if (issuerUrl.protocol !== 'https:' && !insecureAllowed) {
        return Promise.reject(
          new AppError(
            'VALIDATION',
            `The issuer ${this.issuer} must use https (plain http is allowed only on this computer's loopback address).`,
          ),
        )
      }
      this.configuration = oidc
        .discovery(issuerUrl, this.clientId, { token_endpoint_auth_method: 'none' }, oidc.None(), {
          timeout: REQUEST_TIMEOUT_SECONDS,
          ...(insecureAllowed ? { execute: [oidc.allowInsecureRequests] } : {}),
        })
        .then((config) => {
          config.timeout = REQUEST_TIMEOUT_SECONDS
          return config
        })
        .catch((error: unknown) => {
          this.configuration = undefined
          throw new AppError(
            'NETWORK',
            `Cannot reach the sign-in server at ${this.issuer}: ${describeError(error)}`,
            undefined,
            { cause: error },
          )
        })
    }
    return this.configuration
  }

  /** `state` comes from newState(): the loopback listener has to know it before the browser opens. */
  async authorizationRequest(
    redirectUri: string,
    state: string,
    reauth?: ReauthParameters,
  ): Promise<AuthorizationRequest> {
    const config = await this.discover()
    const codeVerifier = oidc.randomPKCECodeVerifier()
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: SCOPES,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      ...(reauth ? { max_age: String(reauth.maxAge) } : {}),
      ...(reauth?.forceLogin ? { prompt: 'login' } : {}),
    })
    return { url, codeVerifier, state }
  }

  /** Validates the callback (state, error, code) and exchanges the code; throws AUTH_FAILED otherwise. */
  async exchangeCode(callbackUrl: URL, request: AuthorizationRequest): Promise<IssuedTokens & SignInClaims> {
    const config = await this.discover()
    try {
      const response = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: request.codeVerifier,
        expectedState: request.state,
        idTokenExpected: true,
      })
      const claims = response.claims()
      const subject = claims?.sub
      if (!claims || !subject) throw new AppError('AUTH_FAILED', 'The sign-in server did not say who signed in.')
      return { ...this.tokensOf(response), subject, authTime: claims.auth_time, issuedAt: claims.iat }
    } catch (error) {
      throw this.authFailure(error)
    }
  }

  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const config = await this.discover()
    try {
      return this.tokensOf(await oidc.refreshTokenGrant(config, refreshToken))
    } catch (error) {
      if (error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant') {
        throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.', undefined, { cause: error })
      }
      throw this.transportFailure('renew the session', error)
    }
  }

  /** Who the access token belongs to; checks the subject when it is already known. */
  async userInfo(accessToken: string, expectedSubject?: string): Promise<{ subject: string; name: string }> {
    const config = await this.discover()
    try {
      const info = await oidc.fetchUserInfo(config, accessToken, expectedSubject ?? oidc.skipSubjectCheck)
      const name =
        typeof info.name === 'string' && info.name.length > 0 ? info.name : (info.preferred_username ?? info.sub)
      return { subject: info.sub, name }
    } catch (error) {
      throw this.transportFailure('read your user profile', error)
    }
  }

  /** Revokes a token where the server supports revocation (RFC 7009); returns whether it could. */
  async revoke(token: string): Promise<boolean> {
    const config = await this.discover()
    if (!config.serverMetadata().revocation_endpoint) return false
    await oidc.tokenRevocation(config, token, { token_type_hint: 'refresh_token' })
    return true
  }

  private tokensOf(response: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers): IssuedTokens {
    const expiresIn = response.expiresIn() ?? 300
    return {
      accessToken: response.access_token,
      expiresAt: this.now() + expiresIn * 1000,
      ...(response.refresh_token ? { refreshToken: response.refresh_token } : {}),
    }
  }

  private authFailure(error: unknown): AppError {
    if (error instanceof AppError) return error
    if (error instanceof oidc.AuthorizationResponseError) {
      const description = error.error_description ? `: ${error.error_description}` : ''
      return new AppError(
        'AUTH_FAILED',
        `The sign-in server refused the sign-in (${error.error}${description}).`,
        undefined,
        { cause: error },
      )
    }
    if (error instanceof oidc.ResponseBodyError) {
      return new AppError(
        'AUTH_FAILED',
        `The sign-in server refused the code exchange (${error.error}${error.error_description ? `: ${error.error_description}` : ''}).`,
        undefined,
        { cause: error },
      )
    }
    if (error instanceof oidc.ClientError) {
      // The cause says which check failed (e.g. an unexpected "state"); it holds no secret value.
      const reason = error.cause instanceof Error ? ` (${error.cause.message})` : ''
      return new AppError('AUTH_FAILED', `The sign-in response was rejected: ${error.message}${reason}.`, undefined, {
        cause: error,
      })
    }
    return this.transportFailure('complete the sign-in', error)
  }

  private transportFailure(action: string, error: unknown): AppError {
    if (error instanceof AppError) return error
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
    return new AppError(
      timedOut ? 'TIMEOUT' : 'NETWORK',
      `Could not ${action} with ${this.issuer}: ${describeError(error)}`,
      undefined,
      { cause: error },
    )
  }
}
