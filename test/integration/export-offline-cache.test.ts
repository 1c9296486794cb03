import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { dispatchCall } from '@core/ipc/dispatch'
import { silentLogger } from '@core/log'
import type { PlatformPort } from '@core/platform'
import { startSandbox } from '@sandbox/server'
import {
  disposeCachingApps,
  signedInWithCachedKey,
  startCachingApp,
  type RecordedEvents,
} from '../support/cached-gateway-app'
import { ADMIN, browserPlatform, loginAs, testKeychain } from '../support/signed-in-session'

// Exporting the shown keys while the server cannot be reached: the core builds the file from the
// encrypted offline cache and says when that list was read; online it reads the live list and says
// nothing of the kind. Real sandbox (stopped for good halfway), real keychain, real files.

const keychain = testKeychain()
const dirs: string[] = []
afterAll(async () => {
  await disposeCachingApps()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
const startApp = (dataDir: string, sandboxUrl: string, events: RecordedEvents = []) =>
  startCachingApp(dataDir, sandboxUrl, keychain, { events, platform: savingPlatform(dataDir) })
afterEach(() => keychain.clear())

/** Saves as a user who accepts the suggested name would: a real file in `dir`. */
function savingPlatform(dir: string): PlatformPort {
  return {
    ...browserPlatform(loginAs(ADMIN)),
    saveFile: async (name: string, content: string) => {
      const where = join(dir, name)
      writeFileSync(where, content, 'utf8')
      return { saved: true, where }
    },
  }
}

describe('export while offline', () => {
  it('builds the file from the offline cache, says as of when, and never holds a key value', async () => {
    const sandbox = await startSandbox({ port: 0 })
    const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-export-offline-'))
    dirs.push(dataDir)
    const events: RecordedEvents = []
    const first = startApp(dataDir, sandbox.url, events)
    const { created, done } = await signedInWithCachedKey(first, events, 'offline-export-one')
    const { handlers } = first
    const listed = (await handlers.listKeys(undefined)).keys
    const ids = [created.key.id, ...listed.filter((k) => k.id !== created.key.id).map((k) => k.id)].slice(0, 3)

    // Online: the live list, and no word of a cache.
    const live = await handlers.exportKeys({ keyIds: ids, format: 'csv' })
    expect(live.saved).toBe(true)
    expect(live.cachedAt).toBeUndefined()

    await first.dispose()
    await sandbox.close()

    const second = startApp(dataDir, sandbox.url)
    await second.ready
    const result = await dispatchCall(second.handlers, 'exportKeys', { keyIds: ids, format: 'csv' }, silentLogger)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const value = result.value as { saved: boolean; rows: number; path: string; cachedAt?: string }
    expect(value).toMatchObject({ saved: true, rows: ids.length })
    // As of the full load that wrote the cache.
    expect(value.cachedAt).toBe(done.fetchedAt)
    const text = readFileSync(value.path, 'utf8')
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines).toHaveLength(ids.length + 1)
    expect(lines[1]).toContain(`${created.key.id},offline-export-one,`)
    expect(text).not.toContain(created.value)
    if (created.secret) expect(text).not.toContain(created.secret)

    // A key the cache does not hold is an error that says so, not a silent gap.
    const unknown = await dispatchCall(
      second.handlers,
      'exportKeys',
      { keyIds: [...ids, 'no-such-key'], format: 'json' },
      silentLogger,
    )
    expect(unknown.ok).toBe(false)
    if (!unknown.ok) expect(unknown.error.message).toMatch(/1 of the keys to export is no longer in/)
  }, 60_000)

  it("with the server gone and no cache, the failure stays the live read's (no empty file)", async () => {
    const sandbox = await startSandbox({ port: 0 })
    const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-export-nocache-'))
    dirs.push(dataDir)
    const first = startApp(dataDir, sandbox.url)
    await first.ready
    const gateway = (await first.handlers.listProfiles(undefined)).profiles.find(
      (p) => p.profile.dialect === 'gateway',
    )!
    await first.handlers.selectProfile({ profileId: gateway.profile.id })
    await first.handlers.signIn(undefined)
    await first.dispose()
    await sandbox.close()

    const second = startApp(dataDir, sandbox.url)
    await second.ready
    const result = await dispatchCall(second.handlers, 'exportKeys', { keyIds: ['k1'], format: 'csv' }, silentLogger)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(['NETWORK', 'TIMEOUT', 'UNAUTHENTICATED']).toContain(result.error.code)
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.csv'))).toEqual([])
  }, 60_000)
})
