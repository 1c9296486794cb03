import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { ManualClock } from '@core/clock'
import { addProfileThroughUi, expect, selectProfile, signInThroughBrowser, test } from './fixtures'
import { keyRow, secretIn } from './key-actions'
import { startDropForwarder, type DropForwarder } from '../support/journal-forwarder'

const DAY = 24 * 60 * 60_000

async function seriousViolations(page: Page, selector: string): Promise<unknown[]> {
  const axe = await new AxeBuilder({ page }).include(selector).analyze()
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** Adds a gateway profile whose API goes through the forwarder, and signs in to it. */
async function signInThroughForwarder(
  page: Page,
  url: string,
  forwarder: DropForwarder,
  issuer: string,
): Promise<void> {
  await page.goto(url)
  await addProfileThroughUi(page, {
    name: 'Gateway through forwarder',
    dialect: 'gateway',
    apiBaseUrl: `${forwarder.url}/gateway`,
    issuer,
  })
  await selectProfile(page, 'Gateway through forwarder')
  await signInThroughBrowser(page, 'admin')
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
}

/** Saves "Add API key" while the forwarder drops the answer: the server creates the key, the dialog shows an error. */
async function createWithLostAnswer(page: Page, forwarder: DropForwarder, name: string): Promise<Locator> {
  forwarder.dropCreates = true
  await page.getByRole('button', { name: 'Add API key' }).click()
  const form = page.getByRole('dialog', { name: 'Add API key' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  await form.getByRole('checkbox', { name: 'View Sales' }).check()
  await form.getByRole('button', { name: 'Save' }).click()
  // The client retries a create whose answer is lost (same idempotency key) before it reports the failure.
  await expect(form.getByRole('alert')).toBeVisible({ timeout: 90_000 })
  expect(forwarder.creates).toBeGreaterThan(0)
  forwarder.dropCreates = false
  return form
}

// Keywarden closes after the server created a key and before the one-time dialog showed it (the
// answer was lost on the way); after the restart on the same data folder and keychain, the same
// secret is shown once, and the server holds exactly one such key.

test('a create whose answer was lost is recovered and shown once after a restart', async ({
  page,
  startHost,
  sandbox,
}) => {
  test.setTimeout(180_000)
  const forwarder = await startDropForwarder(sandbox.url)
  try {
    const first = await startHost()
    await signInThroughForwarder(page, first.url, forwarder, sandbox.url)
    const name = `recovered-${Date.now()}`
    await createWithLostAnswer(page, forwarder, name)
    await first.close()

    const second = await startHost()
    await page.goto(second.url)
    const dialog = page.getByRole('dialog', { name: 'Your new API key' })
    await expect(dialog).toBeVisible()
    await expect(dialog.getByTestId('recovery-line')).toHaveText(
      `Keywarden closed while creating ${name}; this is its key, shown once.`,
    )
    const value = await secretIn(dialog.getByLabel('API key', { exact: true }))
    const used = await fetch(`${sandbox.url}/gateway/v1/sales`, { headers: { 'x-api-key': value } })
    expect(used.status).toBe(200)

    expect(await seriousViolations(page, 'dialog[open]')).toEqual([])

    await dialog.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Close anyway' }).click()
    await expect(dialog).toBeHidden()
    await expect(keyRow(page, name)).toHaveCount(1)

    // Shown once: another restart shows nothing again.
    await second.close()
    const third = await startHost()
    await page.goto(third.url)
    await expect(keyRow(page, name)).toHaveCount(1)
    await expect(page.getByRole('dialog', { name: 'Your new API key' })).toHaveCount(0)
  } finally {
    await forwarder.close()
  }
})

test('sign-out asks before losing an unfinished create; past the replay window the key is offered for revoking', async ({
  page,
  startHost,
  sandbox,
}) => {
  test.setTimeout(240_000)
  const forwarder = await startDropForwarder(sandbox.url)
  try {
    const first = await startHost()
    await signInThroughForwarder(page, first.url, forwarder, sandbox.url)
    const name = `unseen-${Date.now()}`
    const form = await createWithLostAnswer(page, forwarder, name)
    await form.getByRole('button', { name: 'Cancel' }).click()

    // Signing out now would lose it: Keywarden says so and asks.
    await page.getByRole('button', { name: 'Sign out' }).click()
    const confirm = page.getByRole('alertdialog', { name: 'Sign out with unfinished operations?' })
    await expect(confirm.getByTestId('unfinished-losses')).toContainText(name)
    expect(await seriousViolations(page, 'dialog[open]')).toEqual([])
    await confirm.getByRole('button', { name: 'Stay signed in' }).click()
    await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
    await first.close()

    // A day and more later the server no longer replays: the key is reported, and revoked on request.
    const second = await startHost({ clock: new ManualClock(Date.now() + 2 * DAY) })
    await page.goto(second.url)
    const unseen = page.getByTestId('recovery-unseen')
    await expect(unseen).toContainText(`“${name}”`)
    await expect(page.getByRole('dialog', { name: 'Your new API key' })).toHaveCount(0)
    expect(await seriousViolations(page, '.recovery-notices')).toEqual([])
    await unseen.getByRole('button', { name: `Revoke “${name}”` }).click()
    const loginTab = page.context().waitForEvent('page')
    await unseen.getByRole('button', { name: 'Sign in again' }).click()
    const tab = await loginTab
    const login = tab.getByLabel('Username')
    await expect(login.or(tab.getByText('You can close this tab and return to Keywarden.'))).toBeVisible()
    if (await login.isVisible()) {
      await login.fill('admin')
      await tab.getByLabel('Password').fill('keywarden')
      await tab.getByRole('button', { name: 'Sign in' }).click()
    }
    await expect(unseen).toHaveCount(0)
    await page.getByRole('button', { name: 'Refresh' }).click()
    await expect(keyRow(page, name)).toHaveCount(0)
  } finally {
    await forwarder.close()
  }
})
