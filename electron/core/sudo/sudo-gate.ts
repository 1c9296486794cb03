import type { LocalAuditEntry } from '@shared/domain/key-lifecycle'
import type { SessionState } from '@shared/domain/session'
import type { SudoGrant, SudoMethod, SudoProofInput } from '@shared/domain/sudo'
import type { LocalAuditLog } from '../audit/local-audit-log'
import type { Clock } from '../clock'
import type { ConnectionRegistry } from '../connections/connection-registry'
import { AppError, isAppError } from '../errors'
import type { UserVerificationPort } from '../platform'
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
      /** The OS's user verification (Touch ID), where the platform has one. */
      verification?: UserVerificationPort | undefined
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

  /** How the active profile proves it is you here (the renderer shows the matching prompt). */
  method(): SudoMethod {
    const { session } = this.deps.connections.active()
    const server = session.reauthenticatesWith
    const os = this.deps.verification
    if (os?.available() && server) return { kind: 'os', label: os.label, serverFallback: server }
    const osNote = os
      ? `${os.label} is not set up or not available right now, so the server checks it is you instead.`
      : 'This computer offers Keywarden no OS user verification (Touch ID is macOS only), so the server checks it is you.'
    if (server === 'api-secret') return { kind: 'api-secret', osNote }
    return { kind: 'browser', osNote }
  }

  /**
   * Proves it is you, now: the OS's user verification first where there is one (unless the user
   * asked for the server), else the profile's sign-in server. Grants sudo mode only on success.
   */
  async reauthenticate(input: SudoProofInput, why = 'Keywarden needs to confirm it is you'): Promise<SudoGrant> {
    const connection = this.deps.connections.active()
    const { session, profile } = connection
    const state = session.current()
    const actor = state.status === 'signed-in' ? state.user.name : 'unknown'
    const os = this.deps.verification
    try {
      if (state.status !== 'signed-in') throw new AppError('UNAUTHENTICATED', 'Sign in first.')
      if (os?.available() && !input.useServer) {
        await os.verify(why)
        this.deps.policy.grant(profile.id, state.user.subject)
        await this.record(actor, profile.name, 'sudo-granted', `confirmed with ${os.label}`)
        return { grantedAt: new Date(this.deps.clock.now()).toISOString() }
      }
      if (!session.reauthenticate) {
        throw new AppError(
          'FORBIDDEN',
          `${profile.name} cannot ask its server to confirm it is you, and this computer offers no OS user verification to Keywarden. Sign out and sign in again instead.`,
        )
      }
      const proof = await session.reauthenticate({ forceLogin: input.forceLogin, apiSecret: input.apiSecret })
      this.deps.policy.grant(profile.id, proof.subject)
      const how =
        session.reauthenticatesWith === 'api-secret'
          ? 'API secret confirmed by the server'
          : `signed in again at ${new Date(proof.authTime * 1000).toISOString()}`
      await this.record(actor, profile.name, 'sudo-granted', how)
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
