// `npm run screenshots`: pictures of the app for docs/, taken from the real UI through the browser
// host against the sandbox (inside the private keyring: see test/support/with-private-keyring.sh).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import keytar from 'keytar'
import { startBrowserHost } from '@host/host-server'
import { silentLogger } from '@core/log'
import { keytarBackend } from '@core/vault/keytar-backend'
import { startSandbox } from '@sandbox/server'

const service = `Keywarden-screenshots-${process.pid}`
const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-shots-'))
const sandbox = await startSandbox({ port: 0 })
const host = await startBrowserHost({
  rendererDir: resolve('out/renderer'),
  dataDir,
  sandboxUrl: sandbox.url,
  keychain: keytarBackend,
  keychainService: service,
  log: silentLogger,
})
const browser = await chromium.launch({
  executablePath: process.env.KEYWARDEN_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})

async function signIn(page: Page, profile: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption({ label: profile })
  const tabPromise = page.context().waitForEvent('page')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  const tab = await tabPromise
  const form = tab.getByLabel('Username')
  // With the sandbox's login session from an earlier sign-in there is no form, only the done page.
  await form.or(tab.getByText('You can close this tab and return to Keywarden.')).waitFor()
  if (await form.isVisible()) {
    await form.fill('admin')
    await tab.getByLabel('Password').fill('keywarden')
    await tab.getByRole('button', { name: 'Sign in' }).click()
  }
  await page.getByRole('table', { name: 'API keys' }).waitFor()
  await tab.close()
}

try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    colorScheme: 'light',
    permissions: ['clipboard-read', 'clipboard-write'],
  })
  const page = await context.newPage()
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor()
  await page.screenshot({ path: 'docs/sign-in.png' })
  await signIn(page, 'Local sandbox · gateway')
  await page.screenshot({ path: 'docs/key-table.png' })

  await signIn(page, 'Local sandbox · wallet')
  await page.screenshot({ path: 'docs/key-table-wallet.png' })
  await page.getByRole('button', { name: 'Add API key' }).click()
  const form = page.getByRole('dialog', { name: 'Add API key' })
  await form.getByLabel('Name', { exact: true }).fill('acme-reporting')
  await form.getByLabel('Notes').fill('Read-only reporting for ACME; contact finance@acme.example')
  await form.getByRole('checkbox', { name: 'Change Payments' }).check()
  await form.getByRole('checkbox', { name: 'View Reports' }).check()
  await page.screenshot({ path: 'docs/create-dialog.png' })
  await form.getByRole('button', { name: 'Save' }).click()
  const secret = page.getByRole('dialog', { name: 'Your new API key' })
  await secret.getByRole('button', { name: 'Copy API key' }).click()
  await page.screenshot({ path: 'docs/one-time-secret.png' })
  await secret.getByRole('button', { name: 'Done' }).click()
  await secret.waitFor({ state: 'hidden' })

  // The Overview of the gateway profile (still signed in from above), in light and dark.
  await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption({ label: 'Local sandbox · gateway' })
  await page.getByRole('table', { name: 'API keys' }).waitFor()
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Overview' }).click()
  await page
    .getByRole('region', { name: 'Overview' })
    .getByRole('button', { name: /Expired/ })
    .first()
    .waitFor()
  await page.screenshot({ path: 'docs/overview-light.png', fullPage: true })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: 'docs/overview-dark.png', fullPage: true })
  await page.emulateMedia({ colorScheme: 'light' })
  console.log(
    'wrote docs/sign-in.png, key-table.png, key-table-wallet.png, create-dialog.png, one-time-secret.png, overview-light.png, overview-dark.png',
  )
} finally {
  await browser.close()
  await host.close()
  await sandbox.close()
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
  rmSync(dataDir, { recursive: true, force: true })
}
