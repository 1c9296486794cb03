import type { SessionState } from '../../../shared/domain/session'
import { AppError, describeError, isAppError } from '../errors'
import type { Logger } from '../log'
import type { Profile } from '../settings/profiles'
import { apiSecretAccount, type KeychainVault } from '../vault/keychain-vault'
import { pulseLogin, type PulseSessionToken } from './pulse-login'
import type { Session } from './session'

const RENEW_MARGIN_MS = 60_000

/**
 * A pulse profile that signs in with an API key and secret instead of a person's OAuth login.
 * The secret lives in the keychain; the session token it buys lives only here and is renewed by
 * logging in again when it expires.
 */
export class PulseKeySession implements Session {
  private state: SessionState
  private token: PulseSessionToken | undefined
  private login: Promise<string> | undefined
  readonly restored: Promise<SessionState>

  constructor(
    private readonly deps: {
      profile: Profile
      vault: KeychainVault
      log: Logger
      onChange: (state: SessionState) => void
      now?: () => number
    },
  ) {
    this.state = { status: 'signed-out', profile: deps.profile }
    this.restored = this.signIn().catch(() => this.state)
  }

  current(): SessionState {
    return this.state
  }

  async signIn(): Promise<SessionState> {
    try {
      await this.renew()
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
    this.token = undefined
    return this.setState({ status: 'signed-out', profile: this.deps.profile })
  }

  async accessToken(): Promise<string> {
    const now = (this.deps.now ?? Date.now)()
    if (this.token && this.token.expiresAt - now > RENEW_MARGIN_MS) return this.token.token
    return this.renew()
  }

  async renewAfterRejection(rejected: string): Promise<string> {
    if (this.token && this.token.token !== rejected) return this.token.token
    this.token = undefined
    return this.renew()
  }

  private renew(): Promise<string> {
    this.login ??= this.runLogin().finally(() => {
      this.login = undefined
    })
    return this.login
  }

  private async runLogin(): Promise<string> {
    const { profile } = this.deps
    if (profile.auth.kind !== 'api-key') throw new AppError('INTERNAL', 'This profile does not sign in with an API key.')
    const secret = await this.deps.vault.read(apiSecretAccount(profile.id))
    if (!secret) throw new AppError('UNAUTHENTICATED', `No API secret is stored for “${profile.name}”. Edit the profile and enter it.`)
    this.token = await pulseLogin(profile.apiBaseUrl, profile.auth.apiKeyId, secret)
    if (this.state.status !== 'signed-in') {
      this.setState({ status: 'signed-in', profile, user: { subject: profile.auth.apiKeyId, name: `API key ${profile.auth.apiKeyId}` } })
    }
    this.deps.log.info(`profile ${profile.id}: API-key session renewed`)
    return this.token.token
  }

  private setState(next: SessionState): SessionState {
    this.state = next
    this.deps.onChange(next)
    return next
  }
}
