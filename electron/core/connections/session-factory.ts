import type { SessionState } from '../../../shared/domain/session'
import type { LastSubjects } from '../auth/last-subjects'
import { OidcConnector } from '../auth/oidc-connector'
import { PulseKeySession } from '../auth/pulse-key-session'
import type { Session } from '../auth/session'
import { SessionService } from '../auth/session-service'
import type { Logger } from '../log'
import type { PlatformPort } from '../platform'
import type { Profile } from '../settings/profiles'
import type { KeychainVault } from '../vault/keychain-vault'

export interface SessionFactoryDeps {
  vault: KeychainVault
  lastSubjects: LastSubjects
  platform: PlatformPort
  log: Logger
  signInTimeoutMs: number
}

/** The session kind a profile signs in with: OAuth through the system browser, or a dialect's own login. */
export function createSession(profile: Profile, deps: SessionFactoryDeps, onChange: (state: SessionState) => void): Session {
  if (profile.auth.kind === 'api-key') return new PulseKeySession({ profile, vault: deps.vault, log: deps.log, onChange })
  return new SessionService({
    profile,
    connector: new OidcConnector(profile.auth.issuer, profile.auth.clientId),
    vault: deps.vault,
    lastSubjects: deps.lastSubjects,
    platform: deps.platform,
    onChange,
    log: deps.log,
    signInTimeoutMs: deps.signInTimeoutMs,
  })
}
