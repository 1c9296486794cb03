import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { seriousViolations } from './axe-check'
import { createKeyInUi, keyRow, openProfile, rowAction } from './key-actions'

/** axe over the whole page with `dialog` open, then the dialog closed with Escape. */
async function checkDialog(page: Page, dialog: Locator): Promise<void> {
  await expect(dialog).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
}

// Each axe run over the page takes seconds on a busy machine; this bounds the wait, it times nothing.
test.describe.configure({ timeout: 180_000 })

test('axe: the key table, its panel, the add, edit, revoke and rotate dialogs have no serious or critical violation; one h1', async ({
  page,
  startHost,
}) => {
  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  await expect(keyRow(page, 'checkout-service')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
  expect(await seriousViolations(page)).toEqual([])

  await keyRow(page, 'checkout-service').getByRole('rowheader').click()
  await expect(page.getByRole('region', { name: 'checkout-service' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.getByRole('button', { name: 'Close key details' }).click()

  await page.getByRole('button', { name: 'Add API key' }).click()
  await checkDialog(page, page.getByRole('dialog', { name: 'Add API key' }))
  await rowAction(page, 'checkout-service', 'Edit')
  await checkDialog(page, page.getByRole('dialog', { name: 'Edit API key' }))
  await rowAction(page, 'checkout-service', 'Revoke')
  await checkDialog(page, page.getByRole('alertdialog', { name: 'Revoke API key' }))
  await rowAction(page, 'checkout-service', 'Rotate')
  await checkDialog(
    page,
    page.getByRole('dialog', { name: 'Rotate API key' }).or(page.getByRole('alertdialog', { name: 'Rotate API key' })),
  )
})

test('axe: try, audit log, settings, reveal and one-time secret dialogs', async ({ page, startHost }) => {
  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  await rowAction(page, 'checkout-service', 'Try key')
  await checkDialog(page, page.getByRole('dialog', { name: 'Try API key' }))
  await page.getByRole('button', { name: 'Audit log' }).click()
  await checkDialog(page, page.getByRole('dialog', { name: 'Audit log' }))
  await page.getByRole('button', { name: 'Settings' }).click()
  await checkDialog(page, page.getByRole('dialog', { name: 'Settings' }))

  // Reveal: the question, then the value on screen.
  await rowAction(page, 'checkout-service', 'Reveal')
  const reveal = page.getByRole('alertdialog', { name: 'Reveal API key' })
  await expect(reveal).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await reveal.getByRole('button', { name: 'Reveal' }).click()
  await expect(page.getByText(/Hidden again in \d+ s/)).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.press('Escape')
  await expect(page.getByText(/Hidden again in \d+ s/)).toBeHidden()

  // The one-time secret of a new key.
  const created = await createKeyInUi(page, { name: `axe-${Date.now()}`, resource: 'Sales' })
  expect(await seriousViolations(page)).toEqual([])
  await created.dialog.getByRole('button', { name: 'Copy API key' }).click()
  await created.dialog.getByRole('button', { name: 'Done' }).click()
  await expect(created.dialog).toBeHidden()
})

test('axe: the wallet table (notes, expiry, accounts) and its panel', async ({ page, startHost }) => {
  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · wallet', 'admin')
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
  expect(await seriousViolations(page)).toEqual([])
  await page.getByRole('table', { name: 'API keys' }).getByRole('rowheader').first().click()
  await expect(page.locator('.key-panel')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})
