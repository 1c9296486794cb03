import type { LocalAuditEntry } from '@shared/domain/key-lifecycle'
import type { SessionState } from '@shared/domain/session'
import type { SudoGrant } from '@shared/domain/sudo'
import type { LocalAuditLog } from '../audit/local-audit-log'
import type { Clock } from '../clock'
import type { ConnectionRegistry } from '../connections/connection-registry'
import { AppError, isAppError } from '../errors'
import type { SudoAction, SudoPolicy } from './sudo-policy'

/**
 * Sudo mode for the active profile: the key handlers ask `require` before a sensitive action; an
 * interactive sign-in or a re-authentication is the proof. Grants and refusals go to the local
 * audit log (who, when, why; never a token).
 */
export class SudoGate {
  constructor(
    private readonly deps: {
      policy: SudoPolicy
      connections: Pick<ConnectionRegistry, 'active'>
      audit: LocalAuditLog
      clock: Clock
    },
  ) {}

  /** Throws REAUTH_REQUIRED (with the reason) unless the active session's proof is fresh. */
  require(action: SudoAction): void {
    const connection = this.deps.connections.active()
    const state = connection.session.current()
    // Not signed in: the key call itself answers UNAUTHENTICATED.
    if (state.status !== 'signed-in') return
    this.deps.policy.require(connection.profile.id, state.user.subject, action)
  }

  /** An interactive sign-in just ended in `state`: it proves who is at the keyboard. */
  signedIn(state: SessionState): SessionState {
    if (state.status === 'signed-in') this.deps.policy.grant(state.profile.id, state.user.subject)
    return state
  }

  forget(profileId?: string): void {
    this.deps.policy.forget(profileId)
  }

  /** Asks the active profile's sign-in server for a new sign-in, now; grants sudo mode when it is fresh. */
  async reauthenticate(forceLogin: boolean): Promise<SudoGrant> {
    const connection = this.deps.connections.active()
    const { session, profile } = connection
    if (!session.reauthenticate) {
      throw new AppError(
        'FORBIDDEN',
        `${profile.name} signs in with an API key, and this computer offers no OS user verification to Keywarden here, so it cannot ask you to prove it is you. Sign out and sign in again instead.`,
      )
    }
    const state = session.current()
    const actor = state.status === 'signed-in' ? state.user.name : 'unknown'
    try {
      const proof = await session.reauthenticate({ forceLogin })
      this.deps.policy.grant(profile.id, proof.subject)
      await this.record(
        actor,
        profile.name,
        'sudo-granted',
        `signed in again at ${new Date(proof.authTime * 1000).toISOString()}`,
      )
      return { grantedAt: new Date(this.deps.clock.now()).toISOString() }
    } catch (error) {
      const reason = isAppError(error) ? error.message : 'the re-authentication failed'
      await this.record(actor, profile.name, 'sudo-refused', reason)
      throw error
    }
  }

  /** A lock or unlock, in the local audit log under the active profile's user. */
  async note(action: 'locked' | 'unlocked', detail: string): Promise<void> {
    let actor = 'unknown'
    let profileName = ''
    try {
      const connection = this.deps.connections.active()
      const state = connection.session.current()
      profileName = connection.profile.name
      if (state.status === 'signed-in') actor = state.user.name
    } catch {
      // No profile yet: the entry says so by its empty profile name.
    }
    await this.record(actor, profileName, action, detail)
  }

  private record(actor: string, profileName: string, action: LocalAuditEntry['action'], detail: string): Promise<void> {
    return this.deps.audit.record({
      at: new Date(this.deps.clock.now()).toISOString(),
      actor,
      profileName,
      action,
      keyId: '',
      keyName: '',
      detail,
    })
  }
}
