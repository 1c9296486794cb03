import { readFile } from 'node:fs/promises'
import AxeBuilder from '@axe-core/playwright'
import type { Download, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { createKeyInUi, keyRow, openProfile } from './key-actions'

// Export through the browser host: the core builds the file from its own list, the host sends it to
// the page, the page saves it as a real Chromium download. The test reads the downloaded file.

async function noSeriousViolations(page: Page, selector: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze()
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

async function downloadedText(download: Download): Promise<Buffer> {
  const path = await download.path()
  return readFile(path)
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf])

test('export the filtered gateway table and the audit log as CSV: BOM, header, the shown rows, no key value', async ({
  page,
  startHost,
}) => {
  test.slow()
  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  const stamp = Date.now()
  const name = `export-re-${stamp}`
  const created = await createKeyInUi(page, { name, resource: 'Sales' })
  await created.dialog.getByRole('button', { name: 'Copy API key' }).click()
  await created.dialog.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('dialog', { name: 'Your new API key' })).toBeHidden()
  await expect(keyRow(page, name)).toBeVisible()
  expect(created.value.length).toBeGreaterThan(8)

  // A filter that keeps the new key and some, not all, of the sandbox's keys (nightly-reports, payout-reconciler).
  await page.getByRole('searchbox', { name: 'Filter keys' }).fill('-re')
  const rows = page.getByRole('table', { name: 'API keys' }).locator('tbody').getByRole('row')
  await expect(keyRow(page, name)).toBeVisible()
  const count = page.locator('.keys__count')
  await expect(count).toContainText(' of ')
  const shown = Number((await count.innerText()).split(' of ')[0]!.replace(/\D/g, ''))
  expect(shown).toBeGreaterThan(0)

  const menuButton = page.getByRole('button', { name: 'Export', exact: true })
  await menuButton.click()
  const menu = page.getByRole('menu', { name: 'Export' })
  await expect(menu).toBeVisible()
  await noSeriousViolations(page, '.keys__toolbar-group')
  const downloading = page.waitForEvent('download')
  await menu.getByRole('menuitem', { name: 'Export shown keys as CSV' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^keywarden-.*-keys-\d{4}-\d{2}-\d{2}\.csv$/)
  const bytes = await downloadedText(download)
  expect(bytes.subarray(0, 3).equals(BOM)).toBe(true)
  const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n')
  expect(lines[0]).toBe(
    'id,name,masked_key,status,permissions,native_permissions,created_at,expires_at,last_used_at,notes,account_id',
  )
  expect(lines.length - 1).toBe(shown)
  expect(lines.some((line) => line.includes(`,${name},`))).toBe(true)
  const text = bytes.toString('utf8')
  expect(text).not.toContain(created.value)
  if (created.secret) expect(text).not.toContain(created.secret)
  await expect(page.getByRole('status').filter({ hasText: `Exported ${shown} keys` })).toBeVisible()

  // The rows in the table's order: the first shown row is the first data line.
  const firstName = (await rows.first().getByRole('rowheader').innerText()).trim()
  expect(lines[1]).toContain(`,${firstName},`)

  // JSON: the same rows, as objects with the metadata fields only.
  await menuButton.click()
  const jsonDownloading = page.waitForEvent('download')
  await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: 'Export shown keys as JSON' }).click()
  const jsonText = (await downloadedText(await jsonDownloading)).toString('utf8')
  const records = JSON.parse(jsonText) as Array<Record<string, string>>
  expect(records).toHaveLength(shown)
  expect(records.map((record) => record.name)).toContain(name)
  expect(jsonText).not.toContain(created.value)

  // The audit log: its own Export, the creation recorded, still no key value.
  await page.getByRole('button', { name: 'Audit log' }).click()
  const dialog = page.getByRole('dialog', { name: 'Audit log' })
  const entries = dialog.getByRole('table', { name: 'Audit log' }).locator('tbody').getByRole('row')
  await expect(entries.first()).toBeVisible()
  const entryCount = await entries.count()
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(dialog.getByRole('menu', { name: 'Export' })).toBeVisible()
  await noSeriousViolations(page, '.modal')
  const auditDownloading = page.waitForEvent('download')
  await dialog.getByRole('menuitem', { name: 'Export audit log as CSV' }).click()
  const auditBytes = await downloadedText(await auditDownloading)
  expect(auditBytes.subarray(0, 3).equals(BOM)).toBe(true)
  const auditLines = auditBytes.subarray(3).toString('utf8').trimEnd().split('\r\n')
  expect(auditLines[0]).toBe('at,actor,profile,action,key_id,key_name')
  expect(auditLines.length - 1).toBe(entryCount)
  expect(auditLines.some((line) => line.includes(',created,') && line.endsWith(`,${name}`))).toBe(true)
  expect(auditBytes.toString('utf8')).not.toContain(created.value)
  await expect(dialog.getByRole('status').filter({ hasText: `Exported ${entryCount}` })).toBeVisible()
})
