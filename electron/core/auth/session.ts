import type { SessionState } from '@shared/domain/session'
import type { AccessTokenSource } from '../http/api-client'

/** The signed-in session of one profile, whatever its sign-in method. */
export interface Session extends AccessTokenSource {
  /** Settles once a stored credential has been tried (or found absent). */
  readonly restored: Promise<SessionState>
  current(): SessionState
  signIn(): Promise<SessionState>
  cancelSignIn(): SessionState
  /** Continues a sign-in that ended as another subject than last time (OAuth only; see SessionState). */
  confirmSubject?(subject: string): Promise<SessionState>
  /**
   * Sudo mode: asks the user to prove it is them again, now, as the same subject (OAuth: a new
   * authorization request with max_age, and prompt=login when `forceLogin`; an API-key login: a new
   * login with the `apiSecret` the user typed, checked by the server). Absent where the sign-in
   * method cannot re-authenticate.
   */
  reauthenticate?(options: { forceLogin: boolean; apiSecret?: string | undefined }): Promise<ReauthProof>
  /** What `reauthenticate` needs from the user: a sign-in in the browser, or the API secret typed again. */
  readonly reauthenticatesWith?: 'browser' | 'api-secret'
  /** Ends the session; OAuth revokes and deletes its refresh token, an API-key login drops its session token. */
  signOut(): Promise<SessionState>
}

/** A re-authentication that passed: who proved it, and when by the server's clock (epoch seconds). */
export interface ReauthProof {
  subject: string
  authTime: number
}
