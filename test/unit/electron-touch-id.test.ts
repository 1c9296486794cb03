import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

// Touch ID for sudo mode and unlock. Electron's runtime is not available here, so the `electron`
// module — and only it — is replaced by a stand-in of macOS's systemPreferences that records the
// prompts and answers as the test says. Everything else is real: the shell's port, the core, the
// sandbox over HTTP, the keychain.
const touchId = vi.hoisted(() => ({
  canPrompt: true,
  answer: 'pass',
  prompts: [] as string[],
}))

vi.mock('electron', () => ({
  systemPreferences: {
    canPromptTouchID: () => touchId.canPrompt,
    promptTouchID: async (reason: string) => {
      touchId.prompts.push(reason)
      if (touchId.answer === 'fail') throw new Error('Touch ID authentication failed')
    },
  },
}))

const { electronUserVerification } = await import('@main/user-verification')
const { createAppCore } = await import('@core/app-core')
const { ManualClock } = await import('@core/clock')
const { silentLogger } = await import('@core/log')
const { keytarBackend } = await import('@core/vault/keytar-backend')
const { startSandbox } = await import('@sandbox/server')
const { ADMIN, browserPlatform, loginAs, testKeychain } = await import('../support/signed-in-session')

const MINUTE = 60_000
let sandbox: Awaited<ReturnType<typeof startSandbox>>
const keychain = testKeychain()
const dirs: string[] = []
const disposers: Array<() => Promise<void>> = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  for (const dispose of disposers) await dispose()
  await sandbox?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
afterEach(() => {
  touchId.canPrompt = true
  touchId.answer = 'pass'
  touchId.prompts.length = 0
  return keychain.clear()
})

describe('the shell offers Touch ID only where Electron has it', () => {
  it('is macOS only: Windows and Linux get none, and sudo mode uses the server there', () => {
    expect(electronUserVerification('win32')).toBeUndefined()
    expect(electronUserVerification('linux')).toBeUndefined()
    const mac = electronUserVerification('darwin')!
    expect(mac.label).toBe('Touch ID')
    expect(mac.available()).toBe(true)
    touchId.canPrompt = false
    expect(mac.available()).toBe(false)
  })
})

describe('sudo mode and unlock with Touch ID', () => {
  function startApp() {
    const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-touch-id-'))
    dirs.push(dataDir)
    const clock = new ManualClock()
    const platform = { ...browserPlatform(loginAs(ADMIN)), userVerification: electronUserVerification('darwin')! }
    const core = createAppCore({
      settings: new Conf({ cwd: dataDir, configName: 'settings', projectName: 'keywarden' }),
      keychain: keytarBackend,
      keychainService: keychain.service,
      dataDir,
      platform,
      emit: () => {},
      log: silentLogger,
      sandboxUrl: sandbox.url,
      clock,
    })
    disposers.push(() => core.dispose())
    return { handlers: core.handlers, clock, dataDir, opened: platform }
  }

  it('asks Touch ID first; a failed touch reveals nothing, a passed one does; the server stays one click away', async () => {
    const { handlers, clock, dataDir } = startApp()
    const gateway = (await handlers.listProfiles(undefined)).profiles.find((p) => p.profile.dialect === 'gateway')!
    await handlers.selectProfile({ profileId: gateway.profile.id })
    await handlers.signIn(undefined)
    const settings = await handlers.getSettings(undefined)
    await handlers.updateSettings({ ...settings, lockIdleMinutes: 0 })
    const key = (await handlers.listKeys(undefined)).keys[0]!

    clock.advance(11 * MINUTE)
    await expect(handlers.revealKey({ keyId: key.id })).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' })
    expect(await handlers.getSudoMethod(undefined)).toEqual({
      kind: 'os',
      label: 'Touch ID',
      serverFallback: 'browser',
    })

    touchId.answer = 'fail'
    await expect(handlers.reauthenticate({ forceLogin: true })).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringContaining('Touch ID did not confirm it is you'),
    })
    expect(touchId.prompts).toEqual(['confirm it is you before a sensitive action'])
    await expect(handlers.revealKey({ keyId: key.id })).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' })

    touchId.answer = 'pass'
    await handlers.reauthenticate({ forceLogin: true })
    expect((await handlers.revealKey({ keyId: key.id })).value).toMatch(/^apk_/)

    const audit = readFileSync(join(dataDir, 'audit-log.jsonl'), 'utf8')
    expect(audit).toContain('confirmed with Touch ID')
    expect(audit).toContain('Touch ID did not confirm it is you')
  })

  it('unlocks with Touch ID, and says so when Touch ID is not available and the server is used instead', async () => {
    const { handlers } = startApp()
    const gateway = (await handlers.listProfiles(undefined)).profiles.find((p) => p.profile.dialect === 'gateway')!
    await handlers.selectProfile({ profileId: gateway.profile.id })
    await handlers.signIn(undefined)
    await handlers.lock(undefined)
    await expect(handlers.listKeys(undefined)).rejects.toMatchObject({ code: 'LOCKED' })

    touchId.answer = 'fail'
    await expect(handlers.unlock({ forceLogin: true })).rejects.toMatchObject({ code: 'AUTH_FAILED' })
    expect((await handlers.getLockState(undefined)).locked).toBe(true)
    touchId.answer = 'pass'
    expect(await handlers.unlock({ forceLogin: true })).toEqual({ locked: false })
    expect(touchId.prompts).toEqual(['unlock Keywarden', 'unlock Keywarden'])

    touchId.canPrompt = false
    expect(await handlers.getSudoMethod(undefined)).toEqual({
      kind: 'browser',
      osNote: expect.stringContaining('Touch ID is not set up or not available'),
    })
  })
})
