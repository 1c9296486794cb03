import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { gatewayAsAdmin } from '../support/bulk-sandbox-keys'
import { expect, test } from './fixtures'
import { keyRow, openProfile } from './key-actions'

// Three keys ticked in the table, revoked with one confirmation: the progress, the results, the
// table without them, and the API refusing each of them. axe checks the bar, the confirmation and
// the results. (The checkboxes are the key table's: "Select <key name>".)

async function noSeriousViolations(page: Page, selector: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze()
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

test('revoke three keys in bulk with one confirmation: progress, results, gone from the table and refused by the API', async ({
  page,
  startHost,
  sandbox,
}) => {
  // Three axe runs over a page with the whole key table take long on a busy machine.
  test.slow()
  const gateway = await gatewayAsAdmin(sandbox.url)
  const stamp = Date.now()
  const names = [`bulk-a-${stamp}`, `bulk-b-${stamp}`, `bulk-c-${stamp}`]
  const keys = await gateway.createWithValues(names)
  for (const { value } of keys) {
    expect((await fetch(`${sandbox.url}/gateway/v1/sales`, { headers: { 'x-api-key': value } })).status).toBe(200)
  }

  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  for (const name of names) await page.getByRole('checkbox', { name: new RegExp(`select ${name}`, 'i') }).check()

  const bar = page.getByRole('region', { name: '3 keys selected' })
  await expect(bar).toBeVisible()
  await expect(bar.getByRole('button', { name: 'Revoke 3 of 3' })).toBeEnabled()
  await noSeriousViolations(page, '.bulk-bar')

  await bar.getByRole('button', { name: 'Revoke 3 of 3' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Revoke 3 API keys' })
  // The count and the names, in the table's order.
  for (const name of names) await expect(confirm).toContainText(`“${name}”`)
  await noSeriousViolations(page, '.modal')
  await confirm.getByRole('button', { name: 'Revoke 3 keys' }).click()
  await expect(confirm).toBeHidden()

  const progress = page.getByRole('progressbar', { name: 'Bulk revoke progress' })
  await expect(progress).toHaveAttribute('aria-valuemax', '3')
  await expect(progress).toHaveAttribute('aria-valuenow', '3')
  await expect(page.getByText('Finished. 3 revoked, 0 failed, 0 skipped, 0 remaining.')).toBeVisible()
  const results = page.getByRole('list', { name: 'Results per key' })
  for (const name of names) await expect(results.getByRole('listitem').filter({ hasText: name })).toContainText('done')

  // The table reloads after the run; the results are checked by axe once it has.
  for (const name of names) await expect(keyRow(page, name)).toHaveCount(0)
  await expect(bar).toBeHidden()
  await noSeriousViolations(page, '.bulk-run')
  for (const { id, value } of keys) {
    expect(await gateway.status(id)).toBe(404)
    expect((await fetch(`${sandbox.url}/gateway/v1/sales`, { headers: { 'x-api-key': value } })).status).toBe(401)
  }
})
