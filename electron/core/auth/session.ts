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
  /** Ends the session; OAuth revokes and deletes its refresh token, an API-key login drops its session token. */
  signOut(): Promise<SessionState>
}
