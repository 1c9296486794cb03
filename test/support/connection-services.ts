/**
 * The core's profile, connection and key services as app-core wires them, over real settings (conf,
 * electron-store's file format) in a folder of their own, the real keychain and a sandbox over HTTP.
 * The "browser" is a plain function (see signed-in-session.ts).
 *
 *   const { connections, profileService, keys } = connectionServices(sandbox.url, keychain)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import type { ProfilesOverview, SessionState } from '@shared/domain/session'
import { LocalAuditLog } from '@core/audit/local-audit-log'
import { LastSubjects } from '@core/auth/last-subjects'
import { systemClock } from '@core/clock'
import { ConnectionRegistry } from '@core/connections/connection-registry'
import { ProfileService } from '@core/connections/profile-service'
import { KeyLifecycle } from '@core/keys/key-lifecycle'
import { RevocationScheduler } from '@core/keys/revocation-scheduler'
import { SecretCopies } from '@core/keys/secret-copies'
import { silentLogger } from '@core/log'
import type { EventSink } from '@core/platform'
import { ProfileRepository } from '@core/settings/profiles'
import { ADMIN, browserPlatform, loginAs, type Browser, type TestKeychain } from './signed-in-session'

export interface ConnectionServices {
  connections: ConnectionRegistry
  profileService: ProfileService
  keys: KeyLifecycle
  /** The stored profiles (settings). */
  repository: ProfileRepository
  /** Every sessionChanged payload, in order. */
  sessions: SessionState[]
  /** Every profilesChanged payload, in order. */
  overviews: ProfilesOverview[]
}

const folders: string[] = []
process.once('exit', () => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

/** Services with the sandbox's profiles (gateway active); `browser` answers the authorization URL (default: admin). */
export function connectionServices(
  sandboxUrl: string,
  keychain: TestKeychain,
  browser: Browser = loginAs(ADMIN),
): ConnectionServices {
  const dir = mkdtempSync(join(tmpdir(), 'keywarden-connections-'))
  folders.push(dir)
  const settings = new Conf({ cwd: dir, configName: 'settings', projectName: 'keywarden' })
  const repository = new ProfileRepository(settings, silentLogger)
  repository.ensureSandboxProfiles(sandboxUrl)
  const sessions: SessionState[] = []
  const overviews: ProfilesOverview[] = []
  const emit: EventSink = (name, payload) => {
    if (name === 'sessionChanged') sessions.push(payload as SessionState)
    else if (name === 'profilesChanged') overviews.push(payload as ProfilesOverview)
  }
  const lastSubjects = new LastSubjects(settings, silentLogger)
  const platform = browserPlatform(browser)
  const log = silentLogger
  const connections = new ConnectionRegistry({
    profiles: repository,
    vault: keychain.vault,
    lastSubjects,
    platform,
    emit,
    log,
    signInTimeoutMs: 30_000,
  })
  const profileService = new ProfileService({
    profiles: repository,
    vault: keychain.vault,
    lastSubjects,
    connections,
    log,
  })
  const audit = new LocalAuditLog(join(dir, 'audit-log.jsonl'), log)
  const revocations = new RevocationScheduler({ store: settings, connections, clock: systemClock, audit, emit, log })
  const keys = new KeyLifecycle({
    connections,
    copies: new SecretCopies(keychain.vault),
    audit,
    revocations,
    clock: systemClock,
  })
  return { connections, profileService, keys, repository, sessions, overviews }
}
