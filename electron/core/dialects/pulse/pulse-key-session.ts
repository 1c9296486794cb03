import type { SessionState } from '@shared/domain/session'
import type { ReauthProof, Session } from '../../auth/session'
import { TokenRenewal, type ExpiringToken } from '../../auth/single-flight'
import { AppError, describeError, isAppError } from '../../errors'
import type { Logger } from '../../log'
import type { Profile } from '../../settings/profiles'
import { apiSecretAccount, type KeychainVault } from '../../vault/keychain-vault'
import { pulseLogin } from './pulse-login'

export interface PulseKeySessionDeps {
  profile: Profile
  vault: KeychainVault
  log: Logger
  onChange: (state: SessionState) => void
  now?: () => number
}

/**
 * A pulse profile that signs in with an API key and secret instead of a person's OAuth login.
 * The secret lives in the keychain; the session token it buys lives only here and is renewed by
 * logging in again when it expires.
 */
export class PulseKeySession implements Session {
  private state: SessionState
  private readonly access: TokenRenewal
  readonly restored: Promise<SessionState>

  constructor(private readonly deps: PulseKeySessionDeps) {
    this.state = { status: 'signed-out', profile: deps.profile }
    this.access = new TokenRenewal(() => this.runLogin(), deps.now ?? Date.now)
    this.restored = this.signIn().catch(() => this.state)
  }

  current(): SessionState {
    return this.state
  }

  async signIn(): Promise<SessionState> {
    try {
      await this.access.renewOnce()
      return this.state
    } catch (error) {
      this.setState(
        isAppError(error)
          ? { status: 'signed-out', profile: this.deps.profile, lastError: error.message, lastErrorCode: error.code }
          : { status: 'signed-out', profile: this.deps.profile, lastError: describeError(error) },
      )
      throw error
    }
  }

  cancelSignIn(): SessionState {
    return this.state
  }

  async signOut(): Promise<SessionState> {
    this.access.set(undefined)
    return this.setState({ status: 'signed-out', profile: this.deps.profile })
  }

  readonly reauthenticatesWith = 'api-secret'

  /**
   * Sudo mode without OS verification: the user types the profile's API secret and pulse checks it
   * with a new login. The secret in the keychain proves nothing about who is at the keyboard, so it
   * is not used here; the typed one is never stored.
   */
  async reauthenticate({ apiSecret }: { forceLogin: boolean; apiSecret?: string | undefined }): Promise<ReauthProof> {
    const { profile } = this.deps
    if (profile.auth.kind !== 'api-key')
      throw new AppError('INTERNAL', 'This profile does not sign in with an API key.')
    if (this.state.status !== 'signed-in') throw new AppError('UNAUTHENTICATED', 'Sign in first.')
    if (!apiSecret)
      throw new AppError('VALIDATION', `Enter the API secret of “${profile.name}” to prove it is you.`, {
        apiSecret: 'Enter the API secret.',
      })
    let login: Awaited<ReturnType<typeof pulseLogin>>
    try {
      login = await pulseLogin(
        { apiBaseUrl: profile.apiBaseUrl, apiKey: profile.auth.apiKeyId, apiSecret },
        profile.name,
      )
    } catch (error) {
      if (isAppError(error) && error.code === 'AUTH_FAILED')
        throw new AppError(
          'AUTH_FAILED',
          `The server refused that API secret for “${profile.name}”. Nothing was shown or changed.`,
          {
            apiSecret: 'The server refused this secret.',
          },
        )
      throw error
    }
    this.access.set({ value: login.token, expiresAt: login.expiresAt })
    this.deps.log.info(`profile ${profile.id}: API secret confirmed for sudo mode`)
    return { subject: profile.auth.apiKeyId, authTime: Math.floor((this.deps.now ?? Date.now)() / 1000) }
  }

  accessToken(): Promise<string> {
    return this.access.current()
  }

  renewAfterRejection(rejected: string): Promise<string> {
    return this.access.afterRejection(rejected)
  }

  private async runLogin(): Promise<ExpiringToken> {
    const { profile } = this.deps
    if (profile.auth.kind !== 'api-key')
      throw new AppError('INTERNAL', 'This profile does not sign in with an API key.')
    const secret = await this.deps.vault.read(apiSecretAccount(profile.id))
    if (!secret)
      throw new AppError(
        'UNAUTHENTICATED',
        `No API secret is stored for “${profile.name}”. Edit the profile and enter it.`,
      )
    const login = await pulseLogin(
      { apiBaseUrl: profile.apiBaseUrl, apiKey: profile.auth.apiKeyId, apiSecret: secret },
      profile.name,
    )
    if (this.state.status !== 'signed-in') {
      this.setState({
        status: 'signed-in',
        profile,
        user: { subject: profile.auth.apiKeyId, name: `API key ${profile.auth.apiKeyId}` },
      })
    }
    this.deps.log.info(`profile ${profile.id}: API-key session renewed`)
    return { value: login.token, expiresAt: login.expiresAt }
  }

  private setState(next: SessionState): SessionState {
    this.state = next
    this.deps.onChange(next)
    return next
  }
}
