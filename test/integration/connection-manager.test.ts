import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ProfilesOverview, SessionState } from '../../shared/domain/session'
import { LastSubjects } from '../../electron/core/auth/last-subjects'
import { ConnectionManager } from '../../electron/core/connections/connection-manager'
import { silentLogger } from '../../electron/core/log'
import type { EventSink } from '../../electron/core/platform'
import { ProfileRepository } from '../../electron/core/settings/profiles'
import { startSandbox, type Sandbox } from '../../sandbox/server'
import { ADMIN, browserPlatform, loginAs, testKeychain } from '../support/signed-in-session'

// The connection manager with real settings (conf, electron-store's file format), the real
// keychain and the sandbox over HTTP.

let sandbox: Sandbox
const keychain = testKeychain()
const dirs: string[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  await sandbox?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
afterEach(() => keychain.clear())

function managerFor(sandboxUrl: string) {
  const dir = mkdtempSync(join(tmpdir(), 'keywarden-cm-'))
  dirs.push(dir)
  const settings = new Conf({ cwd: dir, configName: 'settings', projectName: 'keywarden' })
  const profiles = new ProfileRepository(settings, silentLogger)
  profiles.ensureSandboxProfiles(sandboxUrl)
  const sessions: SessionState[] = []
  const overviews: ProfilesOverview[] = []
  const emit: EventSink = (name, payload) => {
    if (name === 'sessionChanged') sessions.push(payload as SessionState)
    else overviews.push(payload as ProfilesOverview)
  }
  const manager = new ConnectionManager({
    profiles,
    lastSubjects: new LastSubjects(settings, silentLogger),
    vault: keychain.vault,
    platform: browserPlatform(loginAs(ADMIN)),
    emit,
    log: silentLogger,
    signInTimeoutMs: 30_000,
  })
  return { manager, profiles, sessions, overviews }
}

describe('ConnectionManager', () => {
  it('creates one profile per sandbox dialect on first run, the gateway one active', async () => {
    const { manager } = managerFor(sandbox.url)
    await manager.ready
    const overview = manager.overview()
    expect(overview.profiles.map((p) => p.profile.dialect)).toEqual(['gateway', 'wallet', 'pulse'])
    expect(overview.profiles.map((p) => p.profile.apiBaseUrl)).toEqual([`${sandbox.url}/gateway`, `${sandbox.url}/wallet`, `${sandbox.url}/pulse`])
    expect(overview.activeProfileId).toBe(overview.profiles[0]!.profile.id)
    expect(overview.profiles.map((p) => p.capabilities.permissionsLabel)).toEqual(['Scopes', 'Roles', 'Permissions'])
  })

  it('does not bring back a sandbox profile the user removed', async () => {
    const { manager, profiles } = managerFor(sandbox.url)
    const wallet = manager.overview().profiles.find((p) => p.profile.dialect === 'wallet')!
    await manager.remove(wallet.profile.id)
    profiles.ensureSandboxProfiles(sandbox.url)
    expect(profiles.list().map((p) => p.dialect)).toEqual(['gateway', 'pulse'])
  })

  it('removing a signed-in profile deletes its keychain entries and revokes its token', async () => {
    const { manager } = managerFor(sandbox.url)
    await manager.ready
    const state = await manager.active().session.signIn()
    expect(state.status).toBe('signed-in')
    const accounts = await keychain.accounts()
    expect(accounts).toEqual([`profile:${state.profile.id}:refresh-token`])
    const [{ password: refreshToken } = { password: '' }] = await (await import('keytar')).default.findCredentials(keychain.service)

    const overview = await manager.remove(state.profile.id)
    expect(await keychain.accounts()).toEqual([])
    expect(overview.profiles.some((p) => p.profile.id === state.profile.id)).toBe(false)
    // The next profile becomes the active one.
    expect(overview.activeProfileId).toBe(overview.profiles[0]!.profile.id)
    const refresh = await fetch(`${sandbox.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'keywarden-desktop' }),
    })
    expect(refresh.status).toBe(400)
  })

  it('marks a profile whose server is down as offline, with the error, while the others keep working', async () => {
    const gone = await startSandbox({ port: 0 })
    const { manager } = managerFor(gone.url)
    await manager.ready
    await manager.active().session.signIn()
    await gone.close()

    await expect(manager.listKeys()).rejects.toMatchObject({ code: 'NETWORK' })
    const entry = manager.overview().profiles.find((p) => p.profile.id === manager.active().profile.id)!
    expect(entry.status).toBe('offline')
    expect(entry.error).toMatch(/cannot reach/)

    const added = await manager.save({
      name: 'Live sandbox',
      dialect: 'gateway',
      apiBaseUrl: `${sandbox.url}/gateway`,
      auth: { kind: 'oauth', issuer: sandbox.url, clientId: 'keywarden-desktop' },
    })
    await manager.select(added.id)
    await manager.active().session.signIn()
    const keys = await manager.listKeys()
    expect(keys.keys.length).toBeGreaterThan(0)
  })

  it('refuses to save a profile whose issuer discovery fails, naming the field', async () => {
    const { manager } = managerFor(sandbox.url)
    const before = manager.overview().profiles.length
    await expect(
      manager.save({ name: 'Typo', dialect: 'gateway', apiBaseUrl: 'https://api.example.invalid', auth: { kind: 'oauth', issuer: 'http://127.0.0.1:1', clientId: 'x' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { 'auth.issuer': expect.stringContaining('Discovery failed') } })
    expect(manager.overview().profiles).toHaveLength(before)
  })

  it('refuses an API-key sign-in for a dialect other than pulse', async () => {
    const { manager } = managerFor(sandbox.url)
    await expect(
      manager.save({ name: 'Bad', dialect: 'gateway', apiBaseUrl: `${sandbox.url}/gateway`, auth: { kind: 'api-key', apiKeyId: 'apiKey-x' }, apiSecret: 's' }),
    ).rejects.toThrow(/Only pulse profiles/)
  })

  it('switching profiles cancels the previous profile’s requests', async () => {
    const { manager } = managerFor(sandbox.url)
    await manager.ready
    const gateway = manager.active()
    await gateway.session.signIn()
    const signal = gateway.signal
    const wallet = manager.overview().profiles.find((p) => p.profile.dialect === 'wallet')!
    await manager.select(wallet.profile.id)
    expect(signal.aborted).toBe(true)
    expect(manager.active().profile.id).toBe(wallet.profile.id)
  })
})

describe('pulse profiles that sign in with an API key and secret', () => {
  async function pulseKeyPair(manager: ConnectionManager): Promise<{ value: string; secret: string }> {
    const pulse = manager.overview().profiles.find((p) => p.profile.dialect === 'pulse')!
    await manager.select(pulse.profile.id)
    await manager.active().session.signIn()
    const { connection, accountId } = await manager.activeContext()
    const created = await connection.adapter.createKey(
      connection.context(accountId),
      { name: `ci-login-${Date.now()}`, permissions: { ApiKeys: 'view', Merchants: 'view' }, expiresAt: null, notes: null },
      crypto.randomUUID(),
    )
    return { value: created.value, secret: created.secret! }
  }

  it('checks the key and secret before saving, keeps the secret only in the keychain, and lists keys with it', async () => {
    const { manager, profiles } = managerFor(sandbox.url)
    await manager.ready
    const pair = await pulseKeyPair(manager)

    await expect(
      manager.save({ name: 'Pulse by key', dialect: 'pulse', apiBaseUrl: `${sandbox.url}/pulse`, auth: { kind: 'api-key', apiKeyId: pair.value }, apiSecret: 'not-the-secret' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { apiSecret: expect.any(String) } })

    const saved = await manager.save({ name: 'Pulse by key', dialect: 'pulse', apiBaseUrl: `${sandbox.url}/pulse`, auth: { kind: 'api-key', apiKeyId: pair.value }, apiSecret: pair.secret })
    expect(JSON.stringify(profiles.list())).not.toContain(pair.secret)
    expect(await keychain.accounts()).toContain(`profile:${saved.id}:api-secret`)

    const state = await manager.select(saved.id)
    expect(state).toMatchObject({ status: 'signed-in', user: { subject: pair.value } })
    const keys = await manager.listKeys()
    expect(keys.keys.length).toBeGreaterThan(0)

    await manager.remove(saved.id)
    expect((await keychain.accounts()).filter((a) => a.startsWith(`profile:${saved.id}:`))).toEqual([])
  })

  it('logs in again when its session token has expired', async () => {
    const own = await startSandbox({ port: 0, pulseSessionTtlSeconds: 1 })
    try {
      const { manager } = managerFor(own.url)
      await manager.ready
      const pair = await pulseKeyPair(manager)
      const saved = await manager.save({ name: 'Short sessions', dialect: 'pulse', apiBaseUrl: `${own.url}/pulse`, auth: { kind: 'api-key', apiKeyId: pair.value }, apiSecret: pair.secret })
      await manager.select(saved.id)
      await manager.listKeys()
      await new Promise((resolve) => setTimeout(resolve, 1_200))
      // The token the session held has expired on the server; the next call still succeeds.
      await expect(manager.listKeys()).resolves.toMatchObject({ profileId: saved.id })
    } finally {
      await own.close()
    }
  })
})
