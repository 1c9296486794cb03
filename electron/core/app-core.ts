import { OidcConnector } from './auth/oidc-connector'
import { SessionService } from './auth/session-service'
import { GatewayAdapter } from './dialects/gateway/gateway-adapter'
import { AppError } from './errors'
import { ApiClient } from './http/api-client'
import type { CallHandlers } from './ipc/dispatch'
import { KeysService } from './keys/keys-service'
import type { Logger } from './log'
import type { EventSink, PlatformPort } from './platform'
import { ProfileRepository } from './settings/profiles'
import type { SettingsStore } from './settings/settings-store'
import { KeychainVault, type KeychainBackend } from './vault/keychain-vault'

export interface AppCoreDeps {
  settings: SettingsStore
  keychain: KeychainBackend
  /** The keychain "service" every secret is filed under; tests use their own. */
  keychainService: string
  platform: PlatformPort
  emit: EventSink
  log: Logger
  /** The local sandbox to connect to by default (`npm start`, the test host). */
  sandboxUrl?: string
  signInTimeoutMs?: number
}

export interface AppCore {
  handlers: CallHandlers
  /** Settles once a stored session has been restored (or found absent). */
  ready: Promise<void>
  dispose(): void
}

const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000

/**
 * Builds every core service and the contract's handlers. The Electron composition root and the
 * browser test host both call this, so the two run the same code.
 */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const profiles = new ProfileRepository(deps.settings, deps.log)
  if (deps.sandboxUrl) profiles.ensureSandboxProfile(deps.sandboxUrl)
  const profile = profiles.active()
  if (!profile) {
    throw new AppError('VALIDATION', 'No connection profile is configured. Start Keywarden with KEYWARDEN_SANDBOX_URL set, or add a profile.')
  }

  const vault = new KeychainVault(deps.keychain, deps.keychainService)
  const session = new SessionService({
    profile,
    connector: new OidcConnector(profile.issuer, profile.clientId),
    vault,
    platform: deps.platform,
    emit: deps.emit,
    log: deps.log,
    signInTimeoutMs: deps.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
  })
  const keys = new KeysService(profile.id, new GatewayAdapter(new ApiClient(profile.apiBaseUrl, profile.name, session)))

  const requireSignedIn = async () => {
    await session.restored
    if (session.current().status !== 'signed-in') throw new AppError('UNAUTHENTICATED', 'Sign in to see the keys of this profile.')
  }

  const handlers: CallHandlers = {
    getSession: async () => {
      await session.restored
      return session.current()
    },
    signIn: () => session.signIn(),
    cancelSignIn: async () => session.cancelSignIn(),
    signOut: () => session.signOut(),
    listKeys: async () => {
      await requireSignedIn()
      return keys.listKeys()
    },
  }

  return {
    handlers,
    ready: session.restored.then(() => undefined),
    dispose: () => {
      session.cancelSignIn()
    },
  }
}
