import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test'
import keytar from 'keytar'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { signInThroughLoginPage } from '../support/login-page-client'
import { findElectronRuntime } from './electron-runtime'

export const runtime = findElectronRuntime()
/**
 * Skipped where Electron's runtime is missing, with the reason. CI sets KEYWARDEN_REQUIRE_ELECTRON=1:
 * there a missing runtime fails the specs instead of skipping them.
 */
export const skipElectron = !runtime.available && process.env.KEYWARDEN_REQUIRE_ELECTRON !== '1'
export const skipReason = runtime.available ? '' : runtime.reason

export interface LaunchedApp {
  app: ElectronApplication
  window: Page
  /** Everything the app printed (main process), for the secret scan and failure reports. */
  output: string[]
}

interface Fixtures {
  sandbox: Sandbox
  /** A keychain service of this test's own, emptied afterwards. */
  keychainService: string
  /** A fresh user-data folder: electron-store's settings.json, the audit log, Chromium's files. */
  userDataDir: string
  /** Launches the built app (out/main) on this test's sandbox, user data and keychain service. */
  launch: () => Promise<LaunchedApp>
}

/** Each test: its own sandbox, user-data folder and keychain entries. */
export const test = base.extend<Fixtures>({
  sandbox: async ({}, use) => {
    const sandbox = await startSandbox({ port: 0 })
    await use(sandbox)
    await sandbox.close()
  },
  keychainService: async ({}, use) => {
    const service = `Keywarden-electron-e2e-${randomUUID()}`
    await use(service)
    for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
  },
  userDataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'keywarden-electron-'))
    await use(dir)
    await rm(dir, { recursive: true, force: true })
  },
  launch: async ({ sandbox, keychainService, userDataDir }, use, testInfo) => {
    const launched: LaunchedApp[] = []
    await use(async () => {
      if (!runtime.available) throw new Error(runtime.reason)
      if (!existsSync(resolve('out/main/index.js'))) throw new Error('Build first: npx electron-vite build')
      const app = await _electron.launch({
        executablePath: runtime.executablePath,
        args: [resolve('.')],
        cwd: resolve('.'),
        env: {
          ...(process.env as Record<string, string>),
          KEYWARDEN_E2E: '1',
          KEYWARDEN_E2E_USER_DATA: userDataDir,
          KEYWARDEN_SANDBOX_URL: sandbox.url,
          KEYWARDEN_KEYCHAIN_SERVICE: keychainService,
          ELECTRON_ENABLE_LOGGING: '1',
        },
      })
      const output: string[] = []
      app.process().stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
      app.process().stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
      const window = await app.firstWindow()
      const entry = { app, window, output }
      launched.push(entry)
      return entry
    })
    for (const [index, { app, window, output }] of launched.entries()) {
      if (testInfo.status !== testInfo.expectedStatus) {
        await window.screenshot({ path: testInfo.outputPath(`window-${index}.png`) }).catch(() => {})
        await testInfo.attach(`main-process-output-${index}`, { body: output.join(''), contentType: 'text/plain' })
      }
      await app.close().catch(() => {})
    }
  },
})

export { expect }

interface TestRecord {
  opened: string[]
  contentProtection: boolean[]
}

/** What the app's test hooks recorded in the main process (electron/main/test-hooks.ts). */
export async function testRecord(app: ElectronApplication): Promise<TestRecord> {
  return app.evaluate(() => (globalThis as unknown as { __keywardenE2E: TestRecord }).__keywardenE2E)
}

/**
 * Clicks "Sign in"; the app hands the authorization URL to the test hook instead of the system
 * browser; the test completes the sandbox's login page over HTTP, which calls the app's loopback.
 */
export async function signInThroughHook(
  launched: LaunchedApp,
  username: string,
  password = 'keywarden',
): Promise<void> {
  const before = (await testRecord(launched.app)).opened.length
  await launched.window.getByRole('button', { name: 'Sign in', exact: true }).click()
  let url: string | undefined
  await expect.poll(async () => (url = (await testRecord(launched.app)).opened[before])).toBeDefined()
  expect(new URL(url!).pathname).toContain('/auth')
  await signInThroughLoginPage(url!, { username, password })
}

export async function openSignedIn(launched: LaunchedApp, username: string): Promise<void> {
  await launched.window
    .getByRole('combobox', { name: 'Profile', exact: true })
    .selectOption({ label: 'Local sandbox · gateway' })
  await signInThroughHook(launched, username)
  await expect(launched.window.getByRole('table', { name: 'API keys' })).toBeVisible()
}

/** The Electron clipboard, read in the main process. */
export async function clipboardText(app: ElectronApplication): Promise<string> {
  return app.evaluate(({ clipboard }) => clipboard.readText())
}

/**
 * Whether the window is protected from capture. macOS and Windows report it
 * (`BrowserWindow.isContentProtected()`); Linux has no such state, so there the last
 * setContentProtection call recorded by the test hook is read.
 */
export async function contentProtected(app: ElectronApplication): Promise<boolean> {
  if (process.platform === 'darwin' || process.platform === 'win32') {
    return app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isContentProtected() ?? false)
  }
  return (await testRecord(app)).contentProtection.at(-1) ?? false
}
