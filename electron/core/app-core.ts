import { ConnectionManager } from './connections/connection-manager'
import type { CallHandlers } from './ipc/dispatch'
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
  /** The local sandbox: on first run Keywarden makes a profile for each of its dialects. */
  sandboxUrl?: string
  signInTimeoutMs?: number
}

export interface AppCore {
  handlers: CallHandlers
  /** Settles once every stored session has been restored (or found absent). */
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
  if (deps.sandboxUrl) profiles.ensureSandboxProfiles(deps.sandboxUrl)
  const connections = new ConnectionManager({
    profiles,
    vault: new KeychainVault(deps.keychain, deps.keychainService),
    platform: deps.platform,
    emit: deps.emit,
    log: deps.log,
    signInTimeoutMs: deps.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
  })

  const handlers: CallHandlers = {
    getSession: () => connections.session(),
    signIn: () => connections.active().session.signIn(),
    cancelSignIn: async () => connections.active().session.cancelSignIn(),
    signOut: () => connections.active().session.signOut(),
    listKeys: () => connections.listKeys(),
    listProfiles: async () => connections.overview(),
    saveProfile: (input) => connections.save(input),
    removeProfile: ({ profileId }) => connections.remove(profileId),
    selectProfile: ({ profileId }) => connections.select(profileId),
    listAccounts: () => connections.listAccounts(),
    selectAccount: ({ accountId }) => connections.selectAccount(accountId),
  }

  return { handlers, ready: connections.ready, dispose: () => connections.dispose() }
}
