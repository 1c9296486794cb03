import { join } from 'node:path'
import { LocalAuditLog } from './audit/local-audit-log'
import { KeyCache } from './cache/key-cache'
import { LastSubjects } from './auth/last-subjects'
import { BulkKeyActions } from './bulk/bulk-key-actions'
import { bulkHandlers } from './bulk/bulk-handlers'
import { BulkRunStore } from './bulk/bulk-run-store'
import { BulkService } from './bulk/bulk-service'
import { systemClock, type Clock } from './clock'
import { ConnectionRegistry } from './connections/connection-registry'
import { ProfileService } from './connections/profile-service'
import { dialectInfos } from './dialects/registry'
import { exportHandlers } from './export/export-handlers'
import { exportSource } from './export/export-source'
import { holdsKeyValue } from './identify/holds-key-value'
import { identifyHandlers } from './identify/identify-handlers'
import { WithCachedKeyLists } from './identify/cached-key-lists'
import { LiveKeyLists } from './identify/key-lists'
import type { CallHandlers } from './ipc/dispatch'
import { journalHandlers } from './journal/journal-handlers'
import { JournalService } from './journal/journal-service'
import { ClipboardGuard } from './keys/clipboard-guard'
import { IssuedSecrets } from './keys/issued-secrets'
import { KeyLifecycle } from './keys/key-lifecycle'
import { KeyLoads } from './listing/key-loads'
import { listingHandlers } from './listing/listing-handlers'
import { RevocationScheduler } from './keys/revocation-scheduler'
import { SecretCopies } from './keys/secret-copies'
import { overviewServices } from './reminders/overview-services'
import type { Logger } from './log'
import type { EventSink, PlatformPort } from './platform'
import { withExternalUrlPolicy } from './security/external-url-guard'
import { LockService } from './sudo/lock-service'
import { SudoGate } from './sudo/sudo-gate'
import { SudoPolicy } from './sudo/sudo-policy'
import { AppSettingsRepository } from './settings/app-settings'
import { tableLayoutHandlers } from './settings/table-layout-handlers'
import { TableLayouts } from './settings/table-layouts'
import { ProfileRepository } from './settings/profiles'
import type { SettingsStore } from './settings/settings-store'
import { UpdateService } from './updates/update-service'
import type { UpdaterPort } from './updates/updater-port'
import { KeychainVault, type KeychainBackend } from './vault/keychain-vault'

export interface AppCoreDeps {
  settings: SettingsStore
  keychain: KeychainBackend
  /** The keychain "service" every secret is filed under; tests use their own. */
  keychainService: string
  /** The app's data folder (the local audit log lives here). */
  dataDir: string
  platform: PlatformPort
  emit: EventSink
  log: Logger
  /** The local sandbox: on first run Keywarden makes a profile for each of its dialects. */
  sandboxUrl?: string
  signInTimeoutMs?: number
  clock?: Clock
  /** The packaged Electron app's updater; development runs and the browser host have none. */
  updater?: UpdaterPort
}

export interface AppCore {
  handlers: CallHandlers
  /** Settles once every stored session has been restored (or found absent). */
  ready: Promise<void>
  /** What the desktop reports (Electron's powerMonitor): each locks Keywarden or counts as the user being here. */
  desktop: DesktopEvents
  /** Clears a secret we put on the clipboard, stops timers. Call on quit. */
  dispose(): Promise<void>
}

export interface DesktopEvents {
  /** The system is going to sleep. */
  suspended(): void
  /** The user locked the screen. */
  screenLocked(): void
  /** The user was active at the system level (keyboard or mouse anywhere). */
  active(): void
}

const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000
/** A platform that does not say it can keep the window out of screen captures cannot. */
const NO_CAPTURE_PROTECTION = { available: false, where: 'here' }

/**
 * Builds every core service and the contract's handlers. The Electron composition root and the
 * browser test host both call this, so the two run the same code.
 */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const clock = deps.clock ?? systemClock
  const profiles = new ProfileRepository(deps.settings, deps.log)
  if (deps.sandboxUrl) profiles.ensureSandboxProfiles(deps.sandboxUrl)
  const vault = new KeychainVault(deps.keychain, deps.keychainService)
  // Sign-in may open only the active profile's issuer; nothing else reaches the browser unless allow-listed.
  const activeIssuer = (): string | undefined => {
    const id = profiles.activeId()
    const profile = id === undefined ? undefined : profiles.get(id)
    return profile?.auth.kind === 'oauth' ? profile.auth.issuer : undefined
  }
  const platform = withExternalUrlPolicy(deps.platform, activeIssuer, deps.log)
  const lastSubjects = new LastSubjects(deps.settings, deps.log)
  const signInTimeoutMs = deps.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS
  // A profile that signs in again carries on what its unfinished journal entries left.
  const emit: EventSink = (name, payload) => {
    deps.emit(name, payload)
    if (name === 'profilesChanged') journal?.statusesChanged()
  }
  let journal: JournalService | undefined
  const connections = new ConnectionRegistry({
    profiles,
    vault,
    lastSubjects,
    platform,
    emit,
    log: deps.log,
    signInTimeoutMs,
  })
  const cache = new KeyCache({
    dir: join(deps.dataDir, 'key-cache'),
    vault,
    log: deps.log,
    profileExists: (id) => profiles.get(id) !== undefined,
  })
  const profileService = new ProfileService({
    profiles,
    vault,
    lastSubjects,
    connections,
    log: deps.log,
    cache,
    beforeRemove: (id) => journal?.assertNothingUnfinished(id, 'Removing this profile'),
    // Called only on a removal, long after `overview` and `layouts` below exist.
    onRemoved: (id) => {
      overview.policies.forget(id)
      overview.reminders.forgetProfile(id)
      layouts.forget(id)
    },
  })
  const audit = new LocalAuditLog(join(deps.dataDir, 'audit-log.jsonl'), deps.log)
  const revocations = new RevocationScheduler({
    store: deps.settings,
    connections,
    clock,
    audit,
    // Reminders observe the scheduler's events (a failed revocation); the renderer gets them as before.
    emit: (name, payload) => {
      deps.emit(name, payload)
      if (name === 'revocationsChanged') void overview.reminders.check()
    },
    log: deps.log,
  })
  const issued = new IssuedSecrets()
  const copies = new SecretCopies(vault)
  const keys = new KeyLifecycle({ connections, copies, audit, revocations, clock, issued })
  const journalDeps = { dataDir: deps.dataDir, keys, issued, connections, revocations, audit, clock, log: deps.log }
  journal = new JournalService({ ...journalDeps, announce: (found) => deps.emit('recoveriesChanged', found) })
  const operations = journal.operations
  const loads = new KeyLoads({ connections, copies, cache, clock, emit: deps.emit, log: deps.log })
  const clipboard = new ClipboardGuard(
    platform.clipboard,
    clock,
    (notice) => deps.emit('clipboardNotice', notice),
    deps.log,
  )
  const appSettings = new AppSettingsRepository(deps.settings)
  const layouts = new TableLayouts({
    store: deps.settings,
    clock,
    profileExists: (id) => profiles.get(id) !== undefined,
    holdsKeyValue: holdsKeyValue(),
  })
  const sudo = new SudoGate({
    policy: new SudoPolicy({ clock, windowMinutes: () => appSettings.get().sudoWindowMinutes }),
    connections,
    audit,
    clock,
    verification: platform.userVerification,
  })
  const lock = new LockService({
    clock,
    idleMinutes: () => appSettings.get().lockIdleMinutes,
    onLock: (state) => {
      sudo.forget()
      // A secret we copied leaves the clipboard now (if it still holds it), not when its timer runs.
      void clipboard.dispose()
      deps.emit('lockChanged', state)
      void sudo.note('locked', state.message)
    },
    onUnlock: () => {
      deps.emit('lockChanged', { locked: false })
      void sudo.note('unlocked', 'signed in again')
    },
  })
  /** Calls that show or change keys wait for the unlock; background work is not a call and goes on. */
  const unlocked = <T>(run: () => Promise<T>): Promise<T> => {
    lock.assertUnlocked()
    return run()
  }
  const overview = overviewServices({ ...deps, clock, platform, connections, profiles, revocations, unlocked, cache })
  const bulkRuns = new BulkRunStore(join(deps.dataDir, 'bulk-runs.json'), clock, deps.log)
  // A damaged or newer list of bulk runs was moved aside: told once, like a journal moved aside.
  if (bulkRuns.notice) journal.recoveries.add({ kind: 'notice', profileId: null, message: bulkRuns.notice }, null)
  const bulk = new BulkService({
    connections,
    keys,
    actions: new BulkKeyActions({ connections, rotations: operations, copies, audit, clock }),
    copies,
    journal,
    store: bulkRuns,
    emit: deps.emit,
    log: deps.log,
    clock,
  })
  const updates = new UpdateService({ updater: deps.updater, settings: () => appSettings.get(), clock, log: deps.log })

  const handlers: CallHandlers = {
    getSession: () => connections.session(),
    signIn: async () => {
      const state = sudo.signedIn(await connections.active().session.signIn())
      void bulk.resume() // A bulk run that stopped when this profile signed out goes on.
      return state
    },
    cancelSignIn: async () => connections.active().session.cancelSignIn(),
    confirmSubject: async ({ subject }) => sudo.signedIn(await connections.confirmSubject(subject)),
    signOut: async () => {
      const connection = connections.active()
      journal.assertNothingUnfinished(connection.profile.id, 'Signing out')
      sudo.forget(connection.profile.id)
      loads.stop()
      await cache.forget(connection.profile.id)
      return connection.session.signOut()
    },
    reauthenticate: (proof) => sudo.reauthenticate(proof, 'confirm it is you before a sensitive action'),
    getSudoMethod: async () => sudo.method(),
    secretDismissed: ({ keyId }) => keys.forgetHeld(keyId),
    getLockState: async () => lock.current(),
    lock: async () => lock.lock('user'),
    unlock: async (proof) => {
      if (!lock.current().locked) return lock.current()
      // Signed in: the same proof as sudo mode. Signed out: nothing to show until the next sign-in.
      const signedIn = (() => {
        try {
          return connections.active().session.current().status === 'signed-in'
        } catch {
          return false
        }
      })()
      if (signedIn) await sudo.reauthenticate(proof ?? { forceLogin: true }, 'unlock Keywarden')
      return lock.unlocked()
    },
    reportActivity: async () => lock.activity(),
    heldSecret: async ({ keyId }) => {
      lock.assertUnlocked()
      sudo.require('reveal')
      return keys.heldSecret(keyId)
    },
    listKeys: async () => unlocked(() => keys.list()),
    listDialects: async () => dialectInfos(),
    listProfiles: async () => connections.overview(),
    saveProfile: (input) => profileService.save(input),
    removeProfile: ({ profileId }) => profileService.remove(profileId),
    selectProfile: ({ profileId }) => connections.select(profileId),
    listAccounts: () => connections.listAccounts(),
    selectAccount: ({ accountId }) => connections.selectAccount(accountId),
    getKeyAccess: () => keys.access(),
    createKey: async ({ draft }) => unlocked(() => operations.create(draft)),
    updateKey: async ({ keyId, changes }) => unlocked(() => operations.update(keyId, changes)),
    revokeKey: async ({ keyId }) => {
      lock.assertUnlocked()
      sudo.require('revoke')
      return operations.revoke(keyId)
    },
    revealKey: async ({ keyId }) => {
      lock.assertUnlocked()
      sudo.require('reveal')
      return keys.reveal(keyId)
    },
    rotateKey: async ({ keyId, grace }) => {
      lock.assertUnlocked()
      sudo.require('rotate')
      return operations.rotate(keyId, grace)
    },
    listPendingRevocations: async () => revocations.list(),
    tryKey: async ({ keyId, value, secret }) => unlocked(() => keys.tryKey(keyId, value, secret)),
    copySecret: async ({ text }) => {
      lock.assertUnlocked()
      const { clipboardClearSeconds } = appSettings.get()
      await clipboard.copy(text, clipboardClearSeconds * 1000)
      return { clearsAfterSeconds: clipboardClearSeconds }
    },
    keepSecretCopy: async ({ keyId, value, secret }) => {
      lock.assertUnlocked()
      sudo.require('keep-copy')
      return keys.keepCopy(keyId, value, secret)
    },
    setSecretOnScreen: async ({ onScreen }) => {
      platform.setContentProtection(onScreen)
      return platform.screenCaptureProtection ?? NO_CAPTURE_PROTECTION
    },
    listAuditLog: () => keys.auditLog(),
    getSettings: async () => appSettings.get(),
    updateSettings: async (settings) => {
      const before = appSettings.get()
      const next = appSettings.update(settings)
      updates.settingsChanged(before)
      lock.settingsChanged()
      return next
    },
    getUpdateStatus: async () => updates.status(),
    installUpdate: async () => updates.install(),
    ...journalHandlers(journal, { lock, sudo }),
    ...listingHandlers(loads, unlocked),
    ...identifyHandlers(
      {
        profiles,
        copies,
        lists: new WithCachedKeyLists({ live: new LiveKeyLists({ profiles, connections }), cache, profiles }),
        emit: deps.emit,
        clock,
        platform,
      },
      unlocked,
    ),
    ...overview.handlers,
    ...bulkHandlers({ bulk, sudo, lock }),
    ...tableLayoutHandlers(layouts),
    ...exportHandlers(
      {
        listed: () =>
          exportSource({
            profile: () => {
              const { profile, offlineError } = connections.active()
              return { id: profile.id, name: profile.name, offlineError }
            },
            live: async () => (await keys.list()).keys,
            accountId: async () => (await connections.activeScope()).accountId,
            cache,
          }),
        auditLog: () => keys.auditLog(),
        platform,
        clock,
      },
      unlocked,
    ),
  }

  // Overdue revocations (the app was closed when they fell due) run once the sessions are back.
  const ready = connections.ready.then(() => {
    revocations.start()
    overview.reminders.start()
    void bulk.resume()
    return journal.start()
  })
  updates.start()
  lock.start()

  return {
    handlers,
    ready,
    desktop: {
      suspended: () => void lock.lock('sleep'),
      screenLocked: () => void lock.lock('screen-lock'),
      active: () => lock.activity(),
    },
    dispose: async () => {
      revocations.stop()
      overview.reminders.stop()
      await bulk.settled()
      // What is still waiting to be written reaches the disk now, not after the core is gone.
      bulkRuns.flushNow()
      await Promise.all([audit.flush(), overview.reminders.settled()])
      updates.stop()
      lock.stop()
      connections.dispose()
      await clipboard.dispose()
    },
  }
}
