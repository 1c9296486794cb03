import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '@core/app-core'
import { silentLogger } from '@core/log'
import { keytarBackend } from '@core/vault/keytar-backend'
import { startSandbox } from '@sandbox/server'
import { ADMIN, browserPlatform, loginAs, testKeychain } from '../support/signed-in-session'

// The offline cache feeds Identify and "All profiles" when the server cannot be reached: a full
// load writes it; the sandbox is then stopped for good and a restarted core still names the key
// (marked cached) and shows the profile's figures (marked cached). Real sandbox, real keychain.

const keychain = testKeychain()
const dirs: string[] = []
const cores: AppCore[] = []
afterAll(async () => {
  for (const core of cores) await core.dispose()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
afterEach(() => keychain.clear())

function startApp(dataDir: string, sandboxUrl: string, events: Array<{ name: string; payload: unknown }> = []) {
  const core = createAppCore({
    settings: new Conf({ cwd: dataDir, configName: 'settings', projectName: 'keywarden' }),
    keychain: keytarBackend,
    keychainService: keychain.service,
    dataDir,
    platform: browserPlatform(loginAs(ADMIN)),
    emit: (name, payload) => events.push({ name, payload }),
    log: silentLogger,
    sandboxUrl,
    signInTimeoutMs: 5_000,
  })
  cores.push(core)
  return core
}

describe('with the server gone, the cached list still answers', () => {
  it('Identify names the key from the cache and All profiles shows cached figures', async () => {
    const sandbox = await startSandbox({ port: 0 })
    const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-cache-use-'))
    dirs.push(dataDir)
    const events: Array<{ name: string; payload: unknown }> = []
    const first = startApp(dataDir, sandbox.url, events)
    await first.ready
    const { handlers } = first
    const gateway = (await handlers.listProfiles(undefined)).profiles.find((p) => p.profile.dialect === 'gateway')!
    await handlers.selectProfile({ profileId: gateway.profile.id })
    await handlers.signIn(undefined)
    const created = await handlers.createKey({
      draft: { name: 'cached-one', permissions: { sale: 'view' }, expiresAt: null, notes: null },
    })
    await handlers.secretShown({ keyId: created.key.id })
    await handlers.startKeyLoad(undefined)
    await expect
      .poll(() => events.some((e) => e.name === 'keyPage' && (e.payload as { done: boolean }).done), {
        timeout: 20_000,
      })
      .toBe(true)
    await first.dispose()
    await sandbox.close()

    const second = startApp(dataDir, sandbox.url)
    await second.ready
    const found = await second.handlers.identifyText({ text: `ticket: customer pasted ${created.value} in chat` })
    const candidate = found.candidates.find((c) => c.matches.some((m) => m.keyId === created.key.id))
    expect(candidate?.verdict).toBe('match')
    expect(candidate?.matches[0]).toMatchObject({
      keyName: 'cached-one',
      cached: true,
      profileName: gateway.profile.name,
    })
    expect(JSON.stringify(found)).not.toContain(created.value)

    const figures = await second.handlers.attentionOfProfiles(undefined)
    const gatewayFigures = figures.find((f) => f.profileId === gateway.profile.id)!
    expect(gatewayFigures.state).toBe('cached')
    expect(gatewayFigures.total).toBeGreaterThan(0)
  }, 60_000)
})
