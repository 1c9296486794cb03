import type { DialectCapabilities } from '@shared/domain/capabilities'
import type { KeyRecognizer } from '@shared/domain/recognizer'
import type { SessionState } from '@shared/domain/session'
import type { ProfileAuth } from '@shared/domain/profile'
import type { Session } from '../auth/session'
import type { ApiClient } from '../http/api-client'
import type { Logger } from '../log'
import type { Profile } from '../settings/profiles'
import type { KeychainVault } from '../vault/keychain-vault'
import type { DialectAdapter } from './dialect-adapter'

/** What a profile form sends to be checked before it is saved. */
export interface ProfileCheckInput {
  /** The profile's name, for error messages. */
  name?: string | undefined
  apiBaseUrl: string
  auth: ProfileAuth
  apiSecret?: string | undefined
}

/** A dialect's own sign-in with an API key and secret, where it has one (pulse). */
export interface ApiKeySignIn {
  /** The session for a profile that signs in this way. */
  createSession(deps: {
    profile: Profile
    vault: KeychainVault
    log: Logger
    onChange: (state: SessionState) => void
  }): Session
  /** Logs in once with the key and secret the form holds; throws AUTH_FAILED when they are refused. */
  check(
    input: ProfileCheckInput & { auth: Extract<ProfileAuth, { kind: 'api-key' }>; apiSecret: string },
  ): Promise<void>
}

/**
 * Everything Keywarden knows about one remote API style, in one object: the rest of the app asks
 * this (through the registry), never the dialect's name.
 */
export interface DialectModule<Name extends string = string> {
  readonly name: Name
  /** What the UI offers; includes the sign-in methods and the permission grid's rows. */
  readonly capabilities: DialectCapabilities
  /** The adapter that talks to the API of one profile, through that profile's ApiClient. */
  createAdapter(api: ApiClient, now?: () => Date): DialectAdapter
  /** Where capabilities.signInMethods includes 'api-key'. */
  readonly apiKeySignIn?: ApiKeySignIn
  /** The profile Keywarden makes for the local sandbox: its name, and its API under the sandbox URL. */
  readonly sandbox: { profileName: string; path: string }
  /** The shapes of the keys it issues, so a key can be found from its value (Identify, folder scan). */
  readonly recognizer?: KeyRecognizer
}
