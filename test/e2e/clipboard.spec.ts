import { ManualClock } from '@core/clock'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { createKeyInUi, openProfile } from './key-actions'

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

const clipboardText = (page: Page) => page.evaluate(() => navigator.clipboard.readText())

test('a copied secret leaves the clipboard after 30 seconds, unless the user copied something else, and when the app quits', async ({
  page,
  startHost,
}) => {
  const clock = new ManualClock()
  const host = await startHost({ clock })
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  const created = await createKeyInUi(page, { name: `clip-${Date.now()}`, resource: 'Sales' })
  const copy = created.dialog.getByRole('button', { name: 'Copy API key' })

  await copy.click()
  await expect(created.dialog).toContainText('The clipboard is cleared in 30 seconds.')
  expect(await clipboardText(page)).toBe(created.value)
  clock.advance(29_000)
  expect(await clipboardText(page)).toBe(created.value)
  clock.advance(2_000)
  await expect.poll(() => clipboardText(page)).toBe('')

  // Something the user copied since is left alone.
  await copy.click()
  await expect.poll(() => clipboardText(page)).toBe(created.value)
  await page.evaluate(() => navigator.clipboard.writeText('my own notes'))
  clock.advance(31_000)
  await page.waitForTimeout(300)
  expect(await clipboardText(page)).toBe('my own notes')

  // Quitting takes a secret we copied off the clipboard.
  await copy.click()
  await expect.poll(() => clipboardText(page)).toBe(created.value)
  await host.close()
  expect(await clipboardText(page)).toBe('')
})

test('the clipboard delay is a setting', async ({ page, startHost }) => {
  const clock = new ManualClock()
  const host = await startHost({ clock })
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByLabel('Clear the clipboard after (seconds)').fill('10')
  await settings.getByRole('button', { name: 'Save' }).click()
  await expect(settings).toBeHidden()

  const created = await createKeyInUi(page, { name: `clip10-${Date.now()}`, resource: 'Sales' })
  await created.dialog.getByRole('button', { name: 'Copy API key' }).click()
  await expect(created.dialog).toContainText('The clipboard is cleared in 10 seconds.')
  clock.advance(11_000)
  await expect.poll(() => clipboardText(page)).toBe('')
})
