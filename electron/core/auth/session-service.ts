import type { ErrorCode } from '@shared/domain/errors'
import type { SessionState, SignedInUser } from '@shared/domain/session'
import { AppError, describeError, isAppError } from '../errors'
import type { Logger } from '../log'
import type { PlatformPort } from '../platform'
import type { Profile } from '../settings/profiles'
import { refreshTokenAccount, type KeychainVault } from '../vault/keychain-vault'
import type { LastSubjects } from './last-subjects'
import { openLoopbackListener, type CallbackOutcome, type LoopbackListener } from './loopback-listener'
import { newState, type IssuedTokens, type OidcConnector } from './oidc-connector'
import { freshAuthTime } from '../sudo/auth-time'
import type { ReauthProof, Session } from './session'
import { SingleFlight, TokenRenewal, type ExpiringToken } from './single-flight'

export interface SessionServiceDeps {
  profile: Profile
  connector: OidcConnector
  vault: KeychainVault
  /** Who each profile was last signed in as; a sign-in as someone else waits for the user's word. */
  lastSubjects: LastSubjects
  platform: PlatformPort
  /** Told every state change (the connection manager turns it into events). */
  onChange: (state: SessionState) => void
  log: Logger
  signInTimeoutMs: number
  now?: () => number
}

type AccessToken = ExpiringToken

/** A re-authentication asks for a sign-in made now (OpenID Connect Core: max_age=0 means "authenticate again"). */
const REAUTH_MAX_AGE_SECONDS = 0
/** The moments between the user's sign-in at the server and the code exchange. */
const REAUTH_LEEWAY_SECONDS = 120

/** A sign-in as another subject than the profile's last one, held until the user confirms or signs out. */
interface PendingSubject {
  access: AccessToken
  user: SignedInUser
  /** A refresh token from a browser sign-in: written to the keychain only once confirmed. */
  unsavedRefreshToken?: string
}

/**
 * The signed-in session of one profile. Tokens stay in this object (access token) and in the OS
 * keychain (refresh token); what leaves it is a SessionState, which holds neither.
 */
export class SessionService implements Session {
  private state: SessionState
  private readonly access: TokenRenewal
  private pending: PendingSubject | undefined
  private readonly signInAttempt = new SingleFlight<SessionState>()
  private readonly reauthAttempt = new SingleFlight<ReauthProof>()
  /** The auth_time of the last accepted re-authentication: the next one must be newer. */
  private lastAuthTime: number | undefined
  private listener: LoopbackListener | undefined
  /** Bumped by sign-out, so a renewal that was in flight cannot bring a token back afterwards. */
  private signOutEpoch = 0
  private readonly now: () => number
  readonly restored: Promise<SessionState>

  constructor(private readonly deps: SessionServiceDeps) {
    this.now = deps.now ?? Date.now
    this.access = new TokenRenewal(() => this.runRenewal(), this.now)
    this.state = { status: 'signed-out', profile: deps.profile }
    this.restored = this.restore()
  }

  current(): SessionState {
    return this.state
  }

  /** A stored refresh token signs the user in without the browser. */
  private async restore(): Promise<SessionState> {
    let stored: string | null
    try {
      stored = await this.deps.vault.read(this.account)
    } catch (error) {
      return isAppError(error) ? this.signedOut(error.message, error.code) : this.signedOut(describeError(error))
    }
    if (!stored) return this.state
    try {
      const tokens = await this.deps.connector.refresh(stored)
      if (tokens.refreshToken) await this.deps.vault.write(this.account, tokens.refreshToken)
      const access = { value: tokens.accessToken, expiresAt: tokens.expiresAt }
      return await this.arrive(access, await this.deps.connector.userInfo(access.value))
    } catch (error) {
      if (isAppError(error) && error.code === 'UNAUTHENTICATED') {
        await this.forgetRefreshToken()
        return this.signedOut('Your previous session has ended. Sign in again.')
      }
      // Offline or the server failed: keep the stored token for the next try.
      this.deps.log.warn(`session restore for profile ${this.deps.profile.id} failed: ${describeError(error)}`)
      return isAppError(error)
        ? this.signedOut(error.message, error.code)
        : this.signedOut('Could not restore your session.')
    }
  }

  /** Runs the authorization code + PKCE flow in the system browser. A second call joins the first. */
  signIn(): Promise<SessionState> {
    return this.signInAttempt.run(() =>
      this.runSignIn().finally(() => {
        this.listener = undefined
      }),
    )
  }

  cancelSignIn(): SessionState {
    this.listener?.cancel('Sign-in was cancelled.')
    return this.state
  }

  private async runSignIn(): Promise<SessionState> {
    await this.restored
    const state = newState()
    const listener = await openLoopbackListener({
      timeoutMs: this.deps.signInTimeoutMs,
      expectedState: state,
      log: this.deps.log,
    })
    this.listener = listener
    // A new attempt replaces a sign-in that was still waiting for confirmation.
    const unconfirmed = this.dropPending()
    if (unconfirmed) void this.revokeQuietly(unconfirmed)
    let finish: ((outcome: CallbackOutcome) => void) | undefined
    let orphanRefreshToken: string | undefined
    try {
      this.setState({ status: 'signing-in', profile: this.deps.profile })
      const request = await this.deps.connector.authorizationRequest(listener.redirectUri, state)
      await this.deps.platform.openExternal(request.url.href)
      const received = await listener.callback
      finish = received.finish
      const tokens = await this.deps.connector.exchangeCode(received.url, request)
      if (!tokens.refreshToken) {
        throw new AppError(
          'AUTH_FAILED',
          'The sign-in server did not issue a refresh token, so Keywarden cannot keep you signed in.',
        )
      }
      orphanRefreshToken = tokens.refreshToken
      const access = { value: tokens.accessToken, expiresAt: tokens.expiresAt }
      const user = await this.deps.connector.userInfo(access.value, tokens.subject)
      const next = await this.arrive(access, user, tokens.refreshToken)
      orphanRefreshToken = undefined
      finish(
        next.status === 'confirm-subject'
          ? { ok: true, message: 'Keywarden asks you to confirm this account before it shows any keys.' }
          : { ok: true },
      )
      return next
    } catch (error) {
      this.access.set(undefined)
      const failure = isAppError(error)
        ? error
        : new AppError('AUTH_FAILED', `Sign-in failed: ${describeError(error)}`, undefined, { cause: error })
      // The browser tab is told what happened; without a callback there is no tab to answer.
      if (finish) finish({ ok: false, message: failure.message })
      else listener.cancel()
      // A refresh token that could not be kept must not stay valid on the server.
      if (orphanRefreshToken) await this.deps.connector.revoke(orphanRefreshToken).catch(() => false)
      this.signedOut(failure.message, failure.code)
      throw failure
    }
  }

  /**
   * Sudo mode: a second authorization request through the loopback listener, asking the server to
   * sign the user in again. Granted only when the ID token's auth_time shows a sign-in made now, as
   * the same subject; then its tokens replace the session's. A refusal, cancel or timeout changes
   * nothing: the session stays signed in as before.
   */
  readonly reauthenticatesWith = 'browser'

  reauthenticate(options: { forceLogin: boolean }): Promise<ReauthProof> {
    return this.reauthAttempt.run(() =>
      this.runReauth(options).finally(() => {
        this.listener = undefined
      }),
    )
  }

  private async runReauth({ forceLogin }: { forceLogin: boolean }): Promise<ReauthProof> {
    await this.restored
    const current = this.state
    if (current.status !== 'signed-in') throw new AppError('UNAUTHENTICATED', 'Sign in first.')
    if (this.listener) {
      throw new AppError('CONFLICT', 'A sign-in is already waiting in your browser. Finish or cancel it first.')
    }
    const state = newState()
    const listener = await openLoopbackListener({
      timeoutMs: this.deps.signInTimeoutMs,
      expectedState: state,
      log: this.deps.log,
    })
    this.listener = listener
    const epoch = this.signOutEpoch
    let finish: ((outcome: CallbackOutcome) => void) | undefined
    let orphanRefreshToken: string | undefined
    try {
      const request = await this.deps.connector.authorizationRequest(listener.redirectUri, state, {
        maxAge: REAUTH_MAX_AGE_SECONDS,
        forceLogin,
      })
      await this.deps.platform.openExternal(request.url.href)
      const received = await listener.callback
      finish = received.finish
      const tokens = await this.deps.connector.exchangeCode(received.url, request)
      orphanRefreshToken = tokens.refreshToken
      if (tokens.subject !== current.user.subject) {
        throw new AppError(
          'AUTH_FAILED',
          `You signed in as another account (${tokens.subject}) than the one this session belongs to (${current.user.name}). Nothing was changed.`,
        )
      }
      const authTime = freshAuthTime(
        { authTime: tokens.authTime, issuedAt: tokens.issuedAt },
        {
          maxAgeSeconds: REAUTH_MAX_AGE_SECONDS,
          leewaySeconds: REAUTH_LEEWAY_SECONDS,
          issuer: this.deps.connector.issuer,
          ...(this.lastAuthTime === undefined ? {} : { previousAuthTime: this.lastAuthTime }),
        },
      )
      if (epoch !== this.signOutEpoch || this.state.status !== 'signed-in') {
        throw new AppError('UNAUTHENTICATED', 'You signed out while Keywarden waited for the sign-in.')
      }
      // The replaced refresh token is not revoked: servers often tie both to one grant (the sandbox's
      // oidc-provider does), and revoking it would end the new tokens too.
      if (tokens.refreshToken) await this.deps.vault.write(this.account, tokens.refreshToken)
      orphanRefreshToken = undefined
      this.access.set({ value: tokens.accessToken, expiresAt: tokens.expiresAt })
      this.lastAuthTime = authTime
      finish({ ok: true, message: 'You proved it is you. Return to Keywarden to continue.' })
      return { subject: tokens.subject, authTime }
    } catch (error) {
      const failure = isAppError(error)
        ? error
        : new AppError('AUTH_FAILED', `Re-authentication failed: ${describeError(error)}`, undefined, {
            cause: error,
          })
      if (finish) finish({ ok: false, message: failure.message })
      else listener.cancel()
      // Tokens from a refused re-authentication must not stay valid on the server.
      if (orphanRefreshToken) await this.deps.connector.revoke(orphanRefreshToken).catch(() => false)
      throw failure
    }
  }

  /** Continues as the subject a sign-in ended with, after the user saw that it differs from the last one. */
  async confirmSubject(subject: string): Promise<SessionState> {
    const pending = this.pending
    if (!pending || this.state.status !== 'confirm-subject') {
      throw new AppError('CONFLICT', 'No sign-in is waiting for you to confirm its account.')
    }
    if (pending.user.subject !== subject) {
      throw new AppError(
        'CONFLICT',
        `The sign-in waiting for confirmation is for ${pending.user.name}, not the account you confirmed. Nothing was changed.`,
      )
    }
    // Kept until the commit succeeded: a keychain failure leaves the choice open, nothing lost.
    const state = await this.commit(pending.access, pending.user, pending.unsavedRefreshToken)
    this.pending = undefined
    return state
  }

  async signOut(): Promise<SessionState> {
    this.listener?.cancel('Sign-in was cancelled.')
    this.signOutEpoch++
    this.access.set(undefined)
    const unconfirmed = this.dropPending()
    // Off this computer first, then signed out on screen, then revoked at the server (which may be slow or away).
    const stored = await this.deps.vault.read(this.account).catch(() => null)
    try {
      await this.deps.vault.remove(this.account)
    } finally {
      this.signedOut()
    }
    if (unconfirmed) await this.revokeQuietly(unconfirmed)
    if (stored) await this.revokeQuietly(stored)
    return this.state
  }

  private async revokeQuietly(refreshToken: string): Promise<void> {
    try {
      const revoked = await this.deps.connector.revoke(refreshToken)
      if (!revoked) this.deps.log.info(`profile ${this.deps.profile.id}: the server offers no token revocation`)
    } catch (error) {
      // Signing out locally must still work when the server is unreachable.
      this.deps.log.warn(`profile ${this.deps.profile.id}: token revocation failed: ${describeError(error)}`)
    }
  }

  /** Forgets a sign-in that waited for confirmation; returns its unsaved refresh token, to revoke. */
  private dropPending(): string | undefined {
    const unsaved = this.pending?.unsavedRefreshToken
    this.pending = undefined
    return unsaved
  }

  /** A valid access token, renewed first if it is about to expire. Concurrent callers share one renewal. */
  accessToken(): Promise<string> {
    return this.access.current()
  }

  /** After a 401: renew once, unless another caller already replaced the rejected token. */
  renewAfterRejection(rejected: string): Promise<string> {
    return this.access.afterRejection(rejected)
  }

  /** A refresh grant with the stored refresh token; TokenRenewal keeps the result and runs one at a time. */
  private async runRenewal(): Promise<AccessToken> {
    const stored = await this.deps.vault.read(this.account)
    if (!stored || this.state.status !== 'signed-in') {
      throw new AppError('UNAUTHENTICATED', 'You are not signed in.')
    }
    const epoch = this.signOutEpoch
    try {
      const tokens = await this.deps.connector.refresh(stored)
      if (epoch !== this.signOutEpoch) {
        if (tokens.refreshToken) await this.deps.connector.revoke(tokens.refreshToken).catch(() => false)
        throw new AppError('UNAUTHENTICATED', 'You signed out.')
      }
      await this.accept(tokens)
      // A sign-out while the new refresh token was being stored already removed it: keep no access token either.
      if (epoch !== this.signOutEpoch) throw new AppError('UNAUTHENTICATED', 'You signed out.')
      return { value: tokens.accessToken, expiresAt: tokens.expiresAt }
    } catch (error) {
      // After a sign-out, the sign-out has already cleaned up and said so.
      if (isAppError(error) && error.code === 'UNAUTHENTICATED' && epoch === this.signOutEpoch) {
        await this.forgetRefreshToken()
        this.access.set(undefined)
        this.signedOut(error.message)
      }
      throw error
    }
  }

  /** Keeps a rotated refresh token in the keychain (the access token goes back to TokenRenewal). */
  private async accept(tokens: IssuedTokens): Promise<void> {
    if (tokens.refreshToken) await this.deps.vault.write(this.account, tokens.refreshToken)
  }

  /**
   * Signed in as `user`, unless the profile was last signed in as another subject: then nothing is
   * kept and no key call is answered until the user confirms (confirmSubject) or signs out.
   */
  private async arrive(access: AccessToken, user: SignedInUser, unsavedRefreshToken?: string): Promise<SessionState> {
    const previousUser = this.deps.lastSubjects.last(this.deps.profile.id)
    if (previousUser && previousUser.subject !== user.subject) {
      this.access.set(undefined)
      this.pending = { access, user, ...(unsavedRefreshToken ? { unsavedRefreshToken } : {}) }
      this.deps.log.warn(
        `profile ${this.deps.profile.id}: signed in as another account than last time; waiting for the user to confirm`,
      )
      return this.setState({ status: 'confirm-subject', profile: this.deps.profile, user, previousUser })
    }
    return this.commit(access, user, unsavedRefreshToken)
  }

  private async commit(access: AccessToken, user: SignedInUser, unsavedRefreshToken?: string): Promise<SessionState> {
    if (unsavedRefreshToken) await this.deps.vault.write(this.account, unsavedRefreshToken)
    this.access.set(access)
    this.deps.lastSubjects.remember(this.deps.profile.id, user)
    return this.setState({ status: 'signed-in', profile: this.deps.profile, user })
  }

  private signedOut(lastError?: string, lastErrorCode?: ErrorCode): SessionState {
    return this.setState({
      status: 'signed-out',
      profile: this.deps.profile,
      ...(lastError ? { lastError } : {}),
      ...(lastErrorCode ? { lastErrorCode } : {}),
    })
  }

  private async forgetRefreshToken(): Promise<void> {
    await this.deps.vault.remove(this.account).catch((error: unknown) => {
      this.deps.log.warn(
        `profile ${this.deps.profile.id}: could not delete a stale refresh token: ${describeError(error)}`,
      )
    })
  }

  private setState(next: SessionState): SessionState {
    this.state = next
    this.deps.onChange(next)
    return next
  }

  private get account(): string {
    return refreshTokenAccount(this.deps.profile.id)
  }
}
