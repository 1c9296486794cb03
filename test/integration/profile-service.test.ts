import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { connectionServices, type ConnectionServices } from '../support/connection-services'
import { testKeychain } from '../support/signed-in-session'

// The profile service (add, edit, remove, keychain cleanup) with the connection registry it keeps in
// step: real settings (conf, electron-store's file format), the real keychain and the sandbox over HTTP.

let sandbox: Sandbox
const keychain = testKeychain()

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  await sandbox?.close()
})
afterEach(() => keychain.clear())

describe('ProfileService', () => {
  it('creates one profile per sandbox dialect on first run, the gateway one active', async () => {
    const { connections } = connectionServices(sandbox.url, keychain)
    await connections.ready
    const overview = connections.overview()
    expect(overview.profiles.map((p) => p.profile.dialect)).toEqual(['gateway', 'wallet', 'pulse'])
    expect(overview.profiles.map((p) => p.profile.apiBaseUrl)).toEqual([
      `${sandbox.url}/gateway`,
      `${sandbox.url}/wallet`,
      `${sandbox.url}/pulse`,
    ])
    expect(overview.activeProfileId).toBe(overview.profiles[0]!.profile.id)
    expect(overview.profiles.map((p) => p.capabilities.permissionsLabel)).toEqual(['Scopes', 'Roles', 'Permissions'])
  })

  it('does not bring back a sandbox profile the user removed', async () => {
    const { connections, profileService, repository } = connectionServices(sandbox.url, keychain)
    const wallet = connections.overview().profiles.find((p) => p.profile.dialect === 'wallet')!
    await profileService.remove(wallet.profile.id)
    repository.ensureSandboxProfiles(sandbox.url)
    expect(repository.list().map((p) => p.dialect)).toEqual(['gateway', 'pulse'])
  })

  it('removing a signed-in profile deletes its keychain entries and revokes its token', async () => {
    const { connections, profileService } = connectionServices(sandbox.url, keychain)
    await connections.ready
    const state = await connections.active().session.signIn()
    expect(state.status).toBe('signed-in')
    const accounts = await keychain.accounts()
    expect(accounts).toEqual([`profile:${state.profile.id}:refresh-token`])
    const [{ password: refreshToken } = { password: '' }] = await (
      await import('keytar')
    ).default.findCredentials(keychain.service)

    const overview = await profileService.remove(state.profile.id)
    expect(await keychain.accounts()).toEqual([])
    expect(overview.profiles.some((p) => p.profile.id === state.profile.id)).toBe(false)
    // The next profile becomes the active one.
    expect(overview.activeProfileId).toBe(overview.profiles[0]!.profile.id)
    const refresh = await fetch(`${sandbox.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: 'keywarden-desktop',
      }),
    })
    expect(refresh.status).toBe(400)
  })

  it('refuses to save a profile whose issuer discovery fails, naming the field', async () => {
    const { connections, profileService } = connectionServices(sandbox.url, keychain)
    const before = connections.overview().profiles.length
    await expect(
      profileService.save({
        name: 'Typo',
        dialect: 'gateway',
        apiBaseUrl: 'https://api.example.invalid',
        auth: { kind: 'oauth', issuer: 'http://127.0.0.1:1', clientId: 'x' },
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { 'auth.issuer': expect.stringContaining('Discovery failed') },
    })
    expect(connections.overview().profiles).toHaveLength(before)
  })

  it('refuses an API-key sign-in for a dialect other than pulse', async () => {
    const { profileService } = connectionServices(sandbox.url, keychain)
    await expect(
      profileService.save({
        name: 'Bad',
        dialect: 'gateway',
        apiBaseUrl: `${sandbox.url}/gateway`,
        auth: { kind: 'api-key', apiKeyId: 'apiKey-x' },
        apiSecret: 's',
      }),
    ).rejects.toThrow(/Only pulse profiles/)
  })
})

describe('pulse profiles that sign in with an API key and secret', () => {
  async function pulseKeyPair({ connections }: ConnectionServices): Promise<{ value: string; secret: string }> {
    const pulse = connections.overview().profiles.find((p) => p.profile.dialect === 'pulse')!
    await connections.select(pulse.profile.id)
    await connections.active().session.signIn()
    const { connection, context } = await connections.activeScope()
    const created = await connection.adapter.createKey(
      context(),
      {
        name: `ci-login-${Date.now()}`,
        permissions: { ApiKeys: 'view', Merchants: 'view' },
        expiresAt: null,
        notes: null,
      },
      crypto.randomUUID(),
    )
    return { value: created.value, secret: created.secret! }
  }

  it('checks the key and secret before saving, keeps the secret only in the keychain, and lists keys with it', async () => {
    const services = connectionServices(sandbox.url, keychain)
    const { connections, profileService, keys, repository } = services
    await connections.ready
    const pair = await pulseKeyPair(services)

    await expect(
      profileService.save({
        name: 'Pulse by key',
        dialect: 'pulse',
        apiBaseUrl: `${sandbox.url}/pulse`,
        auth: { kind: 'api-key', apiKeyId: pair.value },
        apiSecret: 'not-the-secret',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { apiSecret: expect.any(String) } })

    const saved = await profileService.save({
      name: 'Pulse by key',
      dialect: 'pulse',
      apiBaseUrl: `${sandbox.url}/pulse`,
      auth: { kind: 'api-key', apiKeyId: pair.value },
      apiSecret: pair.secret,
    })
    expect(JSON.stringify(repository.list())).not.toContain(pair.secret)
    expect(await keychain.accounts()).toContain(`profile:${saved.id}:api-secret`)

    const state = await connections.select(saved.id)
    expect(state).toMatchObject({ status: 'signed-in', user: { subject: pair.value } })
    const listed = await keys.list()
    expect(listed.keys.length).toBeGreaterThan(0)

    await profileService.remove(saved.id)
    expect((await keychain.accounts()).filter((a) => a.startsWith(`profile:${saved.id}:`))).toEqual([])
  })

  it('logs in again when its session token has expired', async () => {
    const own = await startSandbox({ port: 0, pulseSessionTtlSeconds: 1 })
    try {
      const services = connectionServices(own.url, keychain)
      const { connections, profileService, keys } = services
      await connections.ready
      const pair = await pulseKeyPair(services)
      const saved = await profileService.save({
        name: 'Short sessions',
        dialect: 'pulse',
        apiBaseUrl: `${own.url}/pulse`,
        auth: { kind: 'api-key', apiKeyId: pair.value },
        apiSecret: pair.secret,
      })
      await connections.select(saved.id)
      await keys.list()
      await new Promise((resolve) => setTimeout(resolve, 1_200))
      // The token the session held has expired on the server; the next call still succeeds.
      await expect(keys.list()).resolves.toMatchObject({ profileId: saved.id })
    } finally {
      await own.close()
    }
  })
})
