import type { SessionState } from '@shared/domain/session'
import type { LastSubjects } from '../auth/last-subjects'
import { OidcConnector } from '../auth/oidc-connector'
import type { Session } from '../auth/session'
import { SessionService } from '../auth/session-service'
import { dialectOf } from '../dialects/registry'
import { AppError } from '../errors'
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

/** The session kind a profile signs in with: OAuth through the system browser, or its dialect's own login. */
export function createSession(
  profile: Profile,
  deps: SessionFactoryDeps,
  onChange: (state: SessionState) => void,
): Session {
  if (profile.auth.kind === 'api-key') {
    const signIn = dialectOf(profile.dialect).apiKeySignIn
    if (!signIn)
      throw new AppError(
        'VALIDATION',
        `“${profile.name}” is a ${profile.dialect} profile, which cannot sign in with an API key and secret. Edit the profile.`,
      )
    return signIn.createSession({ profile, vault: deps.vault, log: deps.log, onChange })
  }
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
