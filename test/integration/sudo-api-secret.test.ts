import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '@core/app-core'
import { ManualClock } from '@core/clock'
import { silentLogger } from '@core/log'
import { keytarBackend } from '@core/vault/keytar-backend'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { ADMIN, browserPlatform, loginAs, testKeychain } from '../support/signed-in-session'

// Sudo mode for a pulse profile that signs in with an API key (no person, no OAuth): with no OS
// user verification here (the browser host and Linux have none), the user types the API secret and
// the real sandbox checks it with a new login. The keychain's copy proves nothing and is not used.

const MINUTE = 60_000
let sandbox: Sandbox
const keychain = testKeychain()
const dirs: string[] = []
const cores: AppCore[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  for (const core of cores) await core.dispose()
  await sandbox?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
afterEach(() => keychain.clear())

function startApp(clock: ManualClock) {
  const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-sudo-secret-'))
  dirs.push(dataDir)
  const core = createAppCore({
    settings: new Conf({ cwd: dataDir, configName: 'settings', projectName: 'keywarden' }),
    keychain: keytarBackend,
    keychainService: keychain.service,
    dataDir,
    platform: browserPlatform(loginAs(ADMIN)),
    emit: () => {},
    log: silentLogger,
    sandboxUrl: sandbox.url,
    clock,
  })
  cores.push(core)
  return { handlers: core.handlers, dataDir }
}

describe('sudo mode on a pulse API-key profile', () => {
  it('asks for the API secret, refuses a wrong one, and grants sudo mode only for the one the server accepts', async () => {
    const clock = new ManualClock()
    const { handlers, dataDir } = startApp(clock)
    // The idle lock would end the test first: this test is about sudo mode only.
    const settings = await handlers.getSettings(undefined)
    await handlers.updateSettings({ ...settings, lockIdleMinutes: 0 })

    // An admin makes a pulse key that may manage keys, and a profile that signs in with it.
    const oauthPulse = (await handlers.listProfiles(undefined)).profiles.find((p) => p.profile.dialect === 'pulse')!
    await handlers.selectProfile({ profileId: oauthPulse.profile.id })
    await handlers.signIn(undefined)
    const login = await handlers.createKey({
      draft: {
        name: 'sudo-login',
        permissions: { ApiKeys: 'change', Merchants: 'view' },
        expiresAt: null,
        notes: null,
      },
    })
    const victim = await handlers.createKey({
      draft: { name: 'sudo-victim', permissions: { Merchants: 'view' }, expiresAt: null, notes: null },
    })
    const byKey = await handlers.saveProfile({
      name: 'Pulse by key',
      dialect: 'pulse',
      apiBaseUrl: `${sandbox.url}/pulse`,
      auth: { kind: 'api-key', apiKeyId: login.value },
      defaultAccountId: null,
      apiSecret: login.secret!,
    })
    await handlers.selectProfile({ profileId: byKey.id })
    expect((await handlers.getSession(undefined)).status).toBe('signed-in')

    // Restored API-key logins carry no proof of a person: the revoke needs sudo mode first.
    clock.advance(11 * MINUTE)
    await expect(handlers.revokeKey({ keyId: victim.key.id })).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' })
    expect(await handlers.getSudoMethod(undefined)).toMatchObject({
      kind: 'api-secret',
      osNote: expect.stringContaining('no OS user verification'),
    })

    // Without a secret, or with a wrong one, nothing is granted.
    await expect(handlers.reauthenticate({ forceLogin: true, useServer: true })).rejects.toMatchObject({
      code: 'VALIDATION',
    })
    await expect(
      handlers.reauthenticate({ forceLogin: true, useServer: true, apiSecret: 'not-the-secret-0123456789' }),
    ).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringContaining('refused that API secret') })
    await expect(handlers.revokeKey({ keyId: victim.key.id })).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' })
    const stillThere = await fetch(`${sandbox.url}/pulse/merchants`, {
      headers: { 'x-api-key': victim.value, 'x-api-secret': victim.secret! },
    })
    expect(stillThere.status).toBe(200)

    // The right secret: the server accepts it, sudo mode is granted, the revoke goes through.
    await handlers.reauthenticate({ forceLogin: true, useServer: true, apiSecret: login.secret! })
    await handlers.revokeKey({ keyId: victim.key.id })
    const gone = await fetch(`${sandbox.url}/pulse/merchants`, {
      headers: { 'x-api-key': victim.value, 'x-api-secret': victim.secret! },
    })
    expect(gone.status).toBe(401)

    // The audit log says what happened, and never holds the secret typed or the key.
    const audit = readFileSync(join(dataDir, 'audit-log.jsonl'), 'utf8')
    expect(audit).toContain('"action":"sudo-refused"')
    expect(audit).toContain('API secret confirmed by the server')
    expect(audit).not.toContain(login.secret!)
    expect(audit).not.toContain('not-the-secret-0123456789')
  })
})
