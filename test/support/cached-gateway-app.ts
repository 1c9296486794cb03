/**
 * An AppCore as the desktop builds it (real settings, keychain, data folder) whose gateway list has
 * gone through a full load, so its encrypted offline cache is on disk: the tests then stop the
 * sandbox and start a second core on the same folder.
 *
 *   const first = startCachingApp(dataDir, sandbox.url, keychain, { events })
 *   const { created, done } = await signedInWithCachedKey(first, events, 'cached-one')
 */
import Conf from 'conf'
import { expect } from 'vitest'
import type { KeyPageEvent } from '@shared/contracts/fleet'
import type { CreatedKeyView } from '@shared/domain/key-lifecycle'
import type { ProfileSummary } from '@shared/domain/profile'
import { createAppCore, type AppCore } from '@core/app-core'
import { silentLogger } from '@core/log'
import type { PlatformPort } from '@core/platform'
import { keytarBackend } from '@core/vault/keytar-backend'
import { ADMIN, browserPlatform, loginAs, type TestKeychain } from './signed-in-session'

export type RecordedEvents = Array<{ name: string; payload: unknown }>

const cores: AppCore[] = []

export async function disposeCachingApps(): Promise<void> {
  for (const core of cores.splice(0)) await core.dispose()
}

export function startCachingApp(
  dataDir: string,
  sandboxUrl: string,
  keychain: TestKeychain,
  options: { events?: RecordedEvents; platform?: PlatformPort } = {},
): AppCore {
  const events = options.events ?? []
  const core = createAppCore({
    settings: new Conf({ cwd: dataDir, configName: 'settings', projectName: 'keywarden' }),
    keychain: keytarBackend,
    keychainService: keychain.service,
    dataDir,
    platform: options.platform ?? browserPlatform(loginAs(ADMIN)),
    emit: (name, payload) => events.push({ name, payload }),
    log: silentLogger,
    sandboxUrl,
    signInTimeoutMs: 5_000,
  })
  cores.push(core)
  return core
}

/** Signs in to the gateway, creates `name` (its secret taken as shown) and loads the whole list, which writes the cache. */
export async function signedInWithCachedKey(
  core: AppCore,
  events: RecordedEvents,
  name: string,
): Promise<{ created: CreatedKeyView; gateway: ProfileSummary; done: KeyPageEvent }> {
  await core.ready
  const { handlers } = core
  const gateway = (await handlers.listProfiles(undefined)).profiles.find((p) => p.profile.dialect === 'gateway')!
  await handlers.selectProfile({ profileId: gateway.profile.id })
  await handlers.signIn(undefined)
  const created = await handlers.createKey({
    draft: { name, permissions: { sale: 'view' }, expiresAt: null, notes: null },
  })
  await handlers.secretShown({ keyId: created.key.id })
  await handlers.startKeyLoad(undefined)
  const done = () =>
    events.find((e) => e.name === 'keyPage' && (e.payload as KeyPageEvent).done)?.payload as KeyPageEvent | undefined
  await expect.poll(() => done(), { timeout: 20_000 }).toBeDefined()
  return { created, gateway: gateway.profile, done: done()! }
}
