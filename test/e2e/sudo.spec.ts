import type { Page } from '@playwright/test'
import keytar from 'keytar'
import { ManualClock } from '@core/clock'
import { expect, test } from './fixtures'
import { createKeyInUi, keyRow, openProfile, rendererText, secretIn, rowAction } from './key-actions'

const MINUTE = 60_000

/** These tests move the clock past the idle lock's 5 minutes: the lock is turned off in Settings. */
async function neverLockByIdleTime(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByLabel('Lock Keywarden after I am away for').selectOption('0')
  await settings.getByRole('button', { name: 'Save' }).click()
  await expect(settings).toBeHidden()
}

test('revealing a gateway key after the sudo window asks for the sandbox login again; a wrong password reveals nothing', async ({
  page,
  startHost,
}) => {
  const clock = new ManualClock()
  const host = await startHost({ clock })
  await openProfile(page, host.url, 'Local sandbox · gateway', 'support')
  await neverLockByIdleTime(page)

  // Just signed in: the reveal goes straight through.
  await keyRow(page, 'checkout-service').getByRole('button', { name: 'Reveal' }).click()
  await page.getByRole('alertdialog', { name: 'Reveal API key' }).getByRole('button', { name: 'Reveal' }).click()
  const value = await secretIn(page.getByLabel('API key', { exact: true }))
  expect(value).toMatch(/^apk_/)
  await page.getByRole('dialog', { name: 'API key revealed' }).getByRole('button', { name: 'Close' }).click()

  // Eleven minutes on (default window: 10), the same reveal needs a new sign-in first.
  clock.advance(11 * MINUTE)
  await keyRow(page, 'checkout-service').getByRole('button', { name: 'Reveal' }).click()
  await page.getByRole('alertdialog', { name: 'Reveal API key' }).getByRole('button', { name: 'Reveal' }).click()
  const prompt = page.getByRole('dialog', { name: 'Prove it is you' })
  await expect(prompt).toContainText(
    'Revealing a key needs a sign-in from the last 10 minutes; yours was 11 minutes ago.',
  )
  expect(await rendererText(page)).not.toContain(value)

  const loginTab = page.context().waitForEvent('page')
  await prompt.getByRole('button', { name: 'Sign in again' }).click()
  const tab = await loginTab
  // The sandbox still has a login session, yet it shows its login page again (max_age=0 asks for a sign-in made now).
  await expect(tab.getByLabel('Username')).toBeVisible()
  await tab.getByLabel('Username').fill('support')
  await tab.getByLabel('Password').fill('not-the-password')
  await tab.getByRole('button', { name: 'Sign in' }).click()
  await expect(tab.getByText('Invalid username or password.')).toBeVisible()
  await expect(prompt).toContainText('Waiting for you to sign in again in your browser')
  await expect(page.getByLabel('API key', { exact: true })).toHaveCount(0)
  expect(await rendererText(page)).not.toContain(value)

  await tab.getByLabel('Username').fill('support')
  await tab.getByLabel('Password').fill('keywarden')
  await tab.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText(/Hidden again in \d+ s/)).toBeVisible()
  expect(await secretIn(page.getByLabel('API key', { exact: true }))).toBe(value)
  await page.getByRole('dialog', { name: 'API key revealed' }).getByRole('button', { name: 'Close' }).click()

  // Granted and refused proofs are in the local audit log.
  await page.getByRole('button', { name: 'Audit log' }).click()
  const audit = page.getByRole('table', { name: 'Audit log' })
  await expect(audit.getByRole('row').filter({ hasText: 'Re-authenticated' }).first()).toBeVisible()
  expect(await audit.textContent()).not.toContain(value)
})

test('cancelling the re-authentication reveals nothing and the next reveal asks again', async ({ page, startHost }) => {
  const clock = new ManualClock()
  const host = await startHost({ clock })
  await openProfile(page, host.url, 'Local sandbox · gateway', 'support')
  await neverLockByIdleTime(page)
  clock.advance(11 * MINUTE)
  await keyRow(page, 'checkout-service').getByRole('button', { name: 'Reveal' }).click()
  await page.getByRole('alertdialog', { name: 'Reveal API key' }).getByRole('button', { name: 'Reveal' }).click()
  const prompt = page.getByRole('dialog', { name: 'Prove it is you' })
  const loginTab = page.context().waitForEvent('page')
  await prompt.getByRole('button', { name: 'Sign in again' }).click()
  const tab = await loginTab
  await expect(tab.getByLabel('Username')).toBeVisible()
  await prompt.getByRole('button', { name: 'Cancel' }).click()
  await expect(prompt).toBeHidden()
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()

  await keyRow(page, 'checkout-service').getByRole('button', { name: 'Reveal' }).click()
  await page.getByRole('alertdialog', { name: 'Reveal API key' }).getByRole('button', { name: 'Reveal' }).click()
  await expect(page.getByRole('dialog', { name: 'Prove it is you' })).toBeVisible()
  await expect(page.getByLabel('API key', { exact: true })).toHaveCount(0)
})

test('revoking after the sudo window asks for a new sign-in first, then revokes', async ({ page, startHost }) => {
  const clock = new ManualClock()
  const host = await startHost({ clock })
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  await neverLockByIdleTime(page)
  const name = `sudo-revoke-${Date.now()}`
  const created = await createKeyInUi(page, { name, resource: 'Sales' })
  await created.dialog.getByRole('button', { name: 'Copy API key' }).click()
  await created.dialog.getByRole('button', { name: 'Done' }).click()

  clock.advance(11 * MINUTE)
  await rowAction(page, name, 'Revoke')
  const dialog = page.getByRole('alertdialog', { name: 'Revoke API key' })
  await dialog.getByRole('button', { name: 'Yes' }).click()
  await expect(dialog).toContainText('Revoking a key needs a sign-in from the last 10 minutes')
  await expect(keyRow(page, name)).toHaveCount(1)

  // The user asks for a full sign-in: the authorization request also carries prompt=login.
  await dialog.getByRole('checkbox', { name: 'Full sign-in' }).check()
  const authorization = page
    .context()
    .waitForEvent('request', (request) => new URL(request.url()).searchParams.has('code_challenge'))
  const loginTab = page.context().waitForEvent('page')
  await dialog.getByRole('button', { name: 'Sign in again' }).click()
  const tab = await loginTab
  const asked = new URL((await authorization).url()).searchParams
  expect([asked.get('max_age'), asked.get('prompt')]).toEqual(['0', 'login'])
  await tab.getByLabel('Username').fill('admin')
  await tab.getByLabel('Password').fill('keywarden')
  await tab.getByRole('button', { name: 'Sign in' }).click()
  await expect(dialog).toBeHidden()
  await expect(keyRow(page, name)).toHaveCount(0)
})

test('keeping a keychain copy after the sudo window asks for a new sign-in in the dialog, then keeps it', async ({
  page,
  startHost,
  keychainService,
}) => {
  const clock = new ManualClock()
  const host = await startHost({ clock })
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  await neverLockByIdleTime(page)
  const copies = async () =>
    (await keytar.findCredentials(keychainService)).filter((c) => !c.account.endsWith(':refresh-token'))
  const before = await copies()

  clock.advance(11 * MINUTE)
  const name = `sudo-keep-${Date.now()}`
  const created = await createKeyInUi(page, { name, resource: 'Sales' })
  const value = await secretIn(created.dialog.getByLabel('API key', { exact: true }))
  await created.dialog.getByLabel("Keep a copy in this computer's keychain").check()
  await created.dialog.getByRole('button', { name: 'Done' }).click()
  // Asked in the dialog itself, the secret still on screen: nothing kept yet.
  await expect(created.dialog).toContainText('needs a sign-in from the last 10 minutes')
  expect(await copies()).toEqual(before)

  const loginTab = page.context().waitForEvent('page')
  await created.dialog.getByRole('button', { name: 'Sign in again' }).click()
  const tab = await loginTab
  await tab.getByLabel('Username').fill('admin')
  await tab.getByLabel('Password').fill('keywarden')
  await tab.getByRole('button', { name: 'Sign in' }).click()
  await expect(created.dialog).toBeHidden()
  // Kept: one new keychain entry holding exactly the value shown.
  await expect.poll(async () => (await copies()).length).toBe(before.length + 1)
  const kept = (await copies()).filter((c) => !before.some((b) => b.account === c.account))
  expect(kept.map((c) => (JSON.parse(c.password) as { value: string }).value)).toEqual([value])
})
