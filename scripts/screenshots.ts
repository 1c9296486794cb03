// `npm run screenshots`: pictures of the app for docs/, taken from the real UI through the browser
// host against the sandbox (run inside the private keyring: see test/support/with-private-keyring.sh).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import keytar from 'keytar'
import { startBrowserHost } from '../browser-host/host-server'
import { silentLogger } from '../electron/core/log'
import { keytarBackend } from '../electron/core/vault/keytar-backend'
import { startSandbox } from '../sandbox/server'

const service = `Keywarden-screenshots-${process.pid}`
const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-shots-'))
const sandbox = await startSandbox({ port: 0 })
const host = await startBrowserHost({ rendererDir: resolve('out/renderer'), dataDir, sandboxUrl: sandbox.url, keychain: keytarBackend, keychainService: service, log: silentLogger })
const browser = await chromium.launch({ executablePath: process.env.KEYWARDEN_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', colorScheme: 'light' })
  const page = await context.newPage()
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor()
  await page.screenshot({ path: 'docs/sign-in.png' })
  const tabPromise = context.waitForEvent('page')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  const tab = await tabPromise
  await tab.getByLabel('Username').fill('admin')
  await tab.getByLabel('Password').fill('keywarden')
  await tab.screenshot({ path: 'docs/sandbox-login.png' })
  await tab.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('table', { name: 'API keys' }).waitFor()
  await page.screenshot({ path: 'docs/key-table.png' })
  console.log('wrote docs/sign-in.png, docs/sandbox-login.png, docs/key-table.png')
} finally {
  await browser.close()
  await host.close()
  await sandbox.close()
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
  rmSync(dataDir, { recursive: true, force: true })
}
