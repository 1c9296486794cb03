import { afterEach, describe, expect, it, vi } from 'vitest'

// The `electron` module — and only it — is stood in: its runtime is not installed here.
const electron = vi.hoisted(() => ({ isPackaged: false, paths: new Map<string, string>(), opened: [] as string[] }))
vi.mock('electron', () => ({
  app: {
    get isPackaged() {
      return electron.isPackaged
    },
    setPath: (name: string, value: string) => void electron.paths.set(name, value),
  },
  shell: { openExternal: async (url: string) => void electron.opened.push(url) },
  clipboard: { writeText() {}, readText: () => '', clear() {} },
}))

const { applyTestUserData, createTestHooks, TEST_RECORD_KEY } = await import('@main/test-hooks')
const { electronPlatform } = await import('@main/platform')

afterEach(() => {
  vi.unstubAllEnvs()
  electron.paths.clear()
  electron.opened.length = 0
  delete (globalThis as Record<string, unknown>)[TEST_RECORD_KEY]
})

describe('the end-to-end test hooks', () => {
  it('a packaged app ignores KEYWARDEN_E2E: the system browser opens, the user-data folder stays', async () => {
    electron.isPackaged = true
    vi.stubEnv('KEYWARDEN_E2E', '1')
    vi.stubEnv('KEYWARDEN_E2E_USER_DATA', '/tmp/attacker-chosen')
    applyTestUserData()
    const hooks = createTestHooks()
    expect(hooks).toBeUndefined()
    expect(electron.paths.size).toBe(0)
    expect((globalThis as Record<string, unknown>)[TEST_RECORD_KEY]).toBeUndefined()
    await electronPlatform(() => undefined, hooks).openExternal('http://127.0.0.1:4010/auth?x=1')
    expect(electron.opened).toEqual(['http://127.0.0.1:4010/auth?x=1'])
  })

  it('a development run without KEYWARDEN_E2E=1 has no hooks', () => {
    electron.isPackaged = false
    vi.stubEnv('KEYWARDEN_E2E', 'true')
    vi.stubEnv('KEYWARDEN_E2E_USER_DATA', '/tmp/x')
    applyTestUserData()
    expect(createTestHooks()).toBeUndefined()
    expect(electron.paths.size).toBe(0)
  })

  it('a test run hands the authorization URL to the test instead of the browser, and records content protection', async () => {
    electron.isPackaged = false
    vi.stubEnv('KEYWARDEN_E2E', '1')
    vi.stubEnv('KEYWARDEN_E2E_USER_DATA', '/tmp/keywarden-e2e-1')
    applyTestUserData()
    expect(electron.paths.get('userData')).toBe('/tmp/keywarden-e2e-1')
    const hooks = createTestHooks()
    const calls: boolean[] = []
    const platform = electronPlatform(
      () => ({ setContentProtection: (on: boolean) => void calls.push(on) }) as never,
      hooks,
    )
    await platform.openExternal('http://127.0.0.1:4010/auth?state=s')
    // Still only allow-listed URLs, hooks or not.
    await expect(platform.openExternal('file:///etc/passwd')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    platform.setContentProtection(true)
    platform.setContentProtection(false)
    expect(electron.opened).toEqual([])
    expect((globalThis as Record<string, unknown>)[TEST_RECORD_KEY]).toEqual({
      opened: ['http://127.0.0.1:4010/auth?state=s'],
      contentProtection: [true, false],
    })
    expect(calls).toEqual([true, false])
  })
})
