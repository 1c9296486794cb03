import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomUUID } from 'node:crypto'
import { test as base, expect, type Page } from '@playwright/test'
import keytar from 'keytar'
import { startBrowserHost, type BrowserHost } from '@host/host-server'
import type { Clock } from '@core/clock'
import { redact, type Logger } from '@core/log'
import { keytarBackend } from '@core/vault/keytar-backend'
import { startSandbox, type Sandbox } from '@sandbox/server'

interface HostOptions {
  signInTimeoutMs?: number
  clock?: Clock
}

interface Fixtures {
  sandbox: Sandbox
  /** A keychain service of this test's own, emptied afterwards. */
  keychainService: string
  dataDir: string
  /** Every line the hosts of this test logged (already redacted as in the app). */
  hostLog: string[]
  /** Starts a browser host on this test's sandbox, data folder and keychain service; its `url` is a new link each read. */
  startHost: (options?: HostOptions) => Promise<BrowserHost>
}

/** Each test: its own sandbox, data folder and keychain entries, as Insomnia's fixture does. */
export const test = base.extend<Fixtures>({
  sandbox: async ({}, use) => {
    const sandbox = await startSandbox({ port: 0 })
    await use(sandbox)
    await sandbox.close()
  },
  keychainService: async ({}, use) => {
    const service = `Keywarden-e2e-${randomUUID()}`
    await use(service)
    for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
  },
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'keywarden-e2e-'))
    await use(dir)
    await rm(dir, { recursive: true, force: true })
  },
  hostLog: async ({}, use) => {
    await use([])
  },
  startHost: async ({ sandbox, keychainService, dataDir, hostLog }, use) => {
    const hosts: BrowserHost[] = []
    await use(async (options = {}) => {
      const host = await startBrowserHost({
        rendererDir: resolve('out/renderer'),
        dataDir,
        sandboxUrl: sandbox.url,
        keychain: keytarBackend,
        keychainService,
        log: recordingLogger(hostLog),
        ...options,
      })
      hosts.push(host)
      // Each link works once: a test that opens the host again (say, after clearing cookies) gets a
      // fresh link, as a person gets one by pressing Enter in the host's terminal.
      return {
        ...host,
        get url() {
          return host.newLink()
        },
      }
    })
    for (const host of hosts) await host.close()
  },
})

export { expect }

/** The same fixtures with a sandbox seeded with `seedKeys` extra gateway keys (the table at fleet scale). */
export function withSeededSandbox(seedKeys: number) {
  return test.extend<{ sandbox: Sandbox }>({
    sandbox: async ({}, use) => {
      const sandbox = await startSandbox({ port: 0, seedKeys })
      await use(sandbox)
      await sandbox.close()
    },
  })
}

function recordingLogger(lines: string[]): Logger {
  const write = (level: string) => (message: string) => void lines.push(`${level} ${redact(message)}`)
  return { info: write('info'), warn: write('warn'), error: write('error') }
}

/**
 * Clicks "Sign in" and completes the sandbox's real login page in the tab the app opens. When the
 * sandbox still has a login session from an earlier sign-in (single sign-on), there is no form.
 */
export async function signInThroughBrowser(page: Page, username: string, password = 'keywarden'): Promise<Page> {
  const loginTab = page.context().waitForEvent('page')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  const tab = await loginTab
  const form = tab.getByLabel('Username')
  const done = tab.getByText('You can close this tab and return to Keywarden.')
  await expect(form.or(done)).toBeVisible()
  if (await form.isVisible()) {
    await form.fill(username)
    await tab.getByLabel('Password').fill(password)
    await tab.getByRole('button', { name: 'Sign in' }).click()
  }
  return tab
}

export interface ProfileForm {
  name: string
  dialect: 'gateway' | 'wallet' | 'pulse'
  apiBaseUrl: string
  issuer: string
}

/** Adds a connection profile through "Manage profiles", as a user would. */
export async function addProfileThroughUi(page: Page, form: ProfileForm): Promise<void> {
  await page.getByRole('button', { name: 'Manage profiles' }).click()
  await page.getByRole('dialog', { name: 'Profiles' }).getByRole('button', { name: 'Add profile' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add profile' })
  await dialog.getByLabel('Name', { exact: true }).fill(form.name)
  await dialog.getByLabel('Dialect').selectOption(form.dialect)
  await dialog.getByLabel('API base URL').fill(form.apiBaseUrl)
  await dialog.getByLabel('Sign-in method').selectOption('oauth')
  await dialog.getByLabel('Issuer URL').fill(form.issuer)
  await dialog.getByLabel('Client ID').fill('keywarden-desktop')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('dialog', { name: 'Add profile' })).toBeHidden()
  const list = page.getByRole('dialog', { name: 'Profiles' })
  await expect(list.getByRole('listitem').filter({ hasText: form.name })).toBeVisible()
  await list.getByRole('button', { name: 'Close' }).click()
}

export async function selectProfile(page: Page, name: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption({ label: name })
}
