import { gatewayWireKeys } from '../support/gateway-wire-keys'
import { sandboxAccessToken } from '../support/sandbox-access-token'
import { expect, test } from './fixtures'
import { openProfile } from './key-actions'

// The rotation policy's "Rotation due" list in the Overview: "Select all for bulk rotation" opens the
// table filtered to exactly the due keys, all ticked, and the selection bar rotates them as one bulk
// run; the gateway then holds one new key per rotated key.

const DAY_MS = 24 * 60 * 60 * 1000
const MAX_AGE_DAYS = 180

test('"Select all for bulk rotation" ticks exactly the keys whose rotation is due, and one bulk run rotates them', async ({
  page,
  startHost,
  sandbox,
}) => {
  test.slow()
  const token = await sandboxAccessToken(sandbox.url, 'admin')
  const before = await gatewayWireKeys(sandbox.url, token)
  const now = Date.now()
  const due = before
    .filter((k) => k.expiresAt === null || Date.parse(k.expiresAt) > now)
    .filter((k) => now - Date.parse(k.createdAt) >= MAX_AGE_DAYS * DAY_MS)
    .map((k) => k.name)
  // The seeded gateway has several keys older than the policy; fewer would not exercise the bulk path.
  expect(due.length).toBeGreaterThan(1)

  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Overview' }).click()
  const overview = page.getByRole('region', { name: 'Overview' })
  await overview.getByLabel('Rotation policy (maximum key age)').selectOption(String(MAX_AGE_DAYS))
  const dueList = overview.getByRole('region', { name: 'Rotation due' })
  await dueList.getByRole('button', { name: `Select all ${due.length} for bulk rotation` }).click()

  const table = page.getByRole('table', { name: 'API keys' })
  await expect(page.getByRole('status').filter({ hasText: 'Filtered by the Overview: Rotation due' })).toBeVisible()
  await expect
    .poll(async () => (await table.getByRole('rowheader').allTextContents()).map((name) => name.trim()).sort())
    .toEqual([...due].sort())
  for (const name of due) await expect(page.getByRole('checkbox', { name: `Select ${name}` })).toBeChecked()

  const bar = page.getByRole('region', { name: `${due.length} keys selected` })
  const rotate = bar.getByRole('button', { name: new RegExp(`^Rotate \\d+ of ${due.length}$`) })
  await expect(rotate).toBeEnabled()
  const rotating = Number(/^Rotate (\d+) of/.exec((await rotate.textContent()) ?? '')?.[1])
  expect(rotating).toBeGreaterThan(1)
  await rotate.click()
  const confirm = page.getByRole('alertdialog', { name: `Rotate ${rotating} API keys` })
  await confirm.getByRole('button', { name: `Rotate ${rotating} keys` }).click()

  await expect(page.getByText(`Finished. ${rotating} rotated, 0 failed, 0 skipped, 0 remaining.`)).toBeVisible()
  await page.getByRole('button', { name: 'Keep all as keychain copies' }).click()
  // One successor per rotated key on the server; the old keys stay until their grace period ends.
  await expect.poll(async () => (await gatewayWireKeys(sandbox.url, token)).length).toBe(before.length + rotating)
})
