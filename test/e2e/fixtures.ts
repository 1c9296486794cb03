import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomUUID } from 'node:crypto'
import { test as base, expect, type Page } from '@playwright/test'
import keytar from 'keytar'
import { startBrowserHost, type BrowserHost } from '../../browser-host/host-server'
import { silentLogger } from '../../electron/core/log'
import { keytarBackend } from '../../electron/core/vault/keytar-backend'
import { startSandbox, type Sandbox } from '../../sandbox/server'

interface HostOptions {
  signInTimeoutMs?: number
}

interface Fixtures {
  sandbox: Sandbox
  /** A keychain service of this test's own, emptied afterwards. */
  keychainService: string
  dataDir: string
  /** Starts a browser host on this test's sandbox, data folder and keychain service. */
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
  startHost: async ({ sandbox, keychainService, dataDir }, use) => {
    const hosts: BrowserHost[] = []
    await use(async (options = {}) => {
      const host = await startBrowserHost({
        rendererDir: resolve('out/renderer'),
        dataDir,
        sandboxUrl: sandbox.url,
        keychain: keytarBackend,
        keychainService,
        log: silentLogger,
        ...options,
      })
      hosts.push(host)
      return host
    })
    for (const host of hosts) await host.close()
  },
})

export { expect }

/** Clicks "Sign in" and completes the sandbox's real login page in the tab the app opens. */
export async function signInThroughBrowser(page: Page, username: string, password = 'keywarden'): Promise<Page> {
  const loginTab = page.context().waitForEvent('page')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  const tab = await loginTab
  await tab.getByLabel('Username').fill(username)
  await tab.getByLabel('Password').fill(password)
  await tab.getByRole('button', { name: 'Sign in' }).click()
  return tab
}
