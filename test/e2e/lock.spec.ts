import type { Page } from '@playwright/test'
import { ManualClock } from '@core/clock'
import { expect, test } from './fixtures'
import { createKeyInUi, openProfile, rendererText, secretIn } from './key-actions'

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

const MINUTE = 60_000
const clipboardText = (page: Page) => page.evaluate(() => navigator.clipboard.readText())

test('after the idle time the table and the secret dialog leave the DOM, the clipboard is cleared, and unlock shows the same secret', async ({
  page,
  startHost,
}) => {
  const clock = new ManualClock()
  const host = await startHost({ clock })
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  // The clipboard's own timer must not be what clears it here: ten minutes, the longest. The lock
  // and sudo mode are in Settings, with their defaults.
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByLabel('Clear the clipboard after (seconds)').fill('600')
  await expect(settings.getByLabel('Lock Keywarden after I am away for')).toHaveValue('5')
  await expect(settings.getByLabel(/Ask me to sign in again/)).toHaveValue('10')
  await settings.getByRole('button', { name: 'Save' }).click()
  await expect(settings).toBeHidden()
  const created = await createKeyInUi(page, { name: `locked-${Date.now()}`, resource: 'Sales' })
  await created.dialog.getByRole('button', { name: 'Copy API key' }).click()
  await expect.poll(() => clipboardText(page)).toBe(created.value)

  clock.advance(5 * MINUTE)
  await expect(page.getByRole('heading', { name: 'Keywarden is locked' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'API keys' })).toHaveCount(0)
  await expect(page.getByRole('dialog', { name: 'Your new API key' })).toHaveCount(0)
  expect(await rendererText(page)).not.toContain(created.value)
  await expect.poll(() => clipboardText(page)).toBe('')

  const loginTab = page.context().waitForEvent('page')
  await page.getByRole('button', { name: 'Unlock' }).click()
  const tab = await loginTab
  await expect(tab.getByLabel('Username')).toBeVisible()
  await tab.getByLabel('Username').fill('admin')
  await tab.getByLabel('Password').fill('not-the-password')
  await tab.getByRole('button', { name: 'Sign in' }).click()
  await expect(tab.getByText('Invalid username or password.')).toBeVisible()
  await expect(page.getByRole('table', { name: 'API keys' })).toHaveCount(0)
  expect(await rendererText(page)).not.toContain(created.value)

  await tab.getByLabel('Username').fill('admin')
  await tab.getByLabel('Password').fill('keywarden')
  await tab.getByRole('button', { name: 'Sign in' }).click()
  const dialog = page.getByRole('dialog', { name: 'Your new API key' })
  await expect(dialog).toBeVisible()
  expect(await secretIn(dialog.getByLabel('API key', { exact: true }))).toBe(created.value)
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()

  // The lock and the unlock are in the local audit log.
  await dialog.getByRole('button', { name: 'Done' }).click()
  await page.getByRole('button', { name: 'Close anyway' }).click()
  await page.getByRole('button', { name: 'Audit log' }).click()
  const audit = page.getByRole('table', { name: 'Audit log' })
  await expect(
    audit
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'Locked', exact: true }) })
      .first(),
  ).toContainText('after you were away')
  await expect(
    audit
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'Unlocked', exact: true }) })
      .first(),
  ).toBeVisible()
})
