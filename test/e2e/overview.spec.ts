import AxeBuilder from '@axe-core/playwright'
import { gatewayWireKeys } from '../support/gateway-wire-keys'
import { sandboxAccessToken } from '../support/sandbox-access-token'
import { expect, test } from './fixtures'
import { openProfile } from './key-actions'

const DAY_MS = 24 * 60 * 60 * 1000

test('the Overview counts what the gateway API returns, and "Expired" shows exactly the expired keys', async ({
  page,
  startHost,
  sandbox,
}) => {
  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')

  const now = Date.now()
  const keys = await gatewayWireKeys(sandbox.url, await sandboxAccessToken(sandbox.url, 'admin'))
  const at = (iso: string | null) => (iso === null ? null : Date.parse(iso))
  const expired = keys.filter((k) => (at(k.expiresAt) ?? Infinity) <= now).map((k) => k.name)
  const expiring7 = keys.filter((k) => {
    const expires = at(k.expiresAt)
    return expires !== null && expires > now && expires - now <= 7 * DAY_MS
  })
  const neverUsed = keys.filter((k) => k.lastUsedAt === null)
  // The seeded data has each kind; an empty answer would make the comparison meaningless.
  expect(expired.length).toBeGreaterThan(0)
  expect(expiring7.length).toBeGreaterThan(0)
  expect(neverUsed.length).toBeGreaterThan(0)

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Overview' }).click()
  const overview = page.getByRole('region', { name: 'Overview' })
  // One h1 for the window (the app's name); the Overview's title sits under it.
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
  await expect(overview.getByRole('heading', { name: 'Overview', level: 2 })).toBeVisible()
  const tile = (label: string) =>
    overview.getByRole('button', { name: new RegExp(`^\\d+ ${label}( \\(show these keys\\))$`) })
  await expect(tile('Expired')).toHaveAccessibleName(`${expired.length} Expired (show these keys)`)
  await expect(tile('Expiring within 7 days')).toHaveAccessibleName(
    `${expiring7.length} Expiring within 7 days (show these keys)`,
  )
  await expect(tile('Never used')).toHaveAccessibleName(`${neverUsed.length} Never used (show these keys)`)

  // The charts: every bar is a link with a name, and the text alternative holds the same figures.
  await expect(overview.getByRole('link', { name: /^Expiring in the week from / })).toHaveCount(26)
  await expect(
    overview.getByRole('link', {
      name: `Last used: Never: ${neverUsed.length} key${neverUsed.length === 1 ? '' : 's'}`,
    }),
  ).toHaveCount(1)

  const axe = await new AxeBuilder({ page }).include('.overview').analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])

  await tile('Expired').click()
  const table = page.getByRole('table', { name: 'API keys' })
  await expect(page.getByRole('status').filter({ hasText: 'Filtered by the Overview: Expired' })).toBeVisible()
  await expect
    .poll(async () => (await table.getByRole('rowheader').allTextContents()).map((name) => name.trim()).sort())
    .toEqual([...expired].sort())

  // The filter is visible and removable: removing it shows every key again.
  await page.getByRole('button', { name: 'Remove the filter “Expired”' }).click()
  await expect(table.getByRole('rowheader')).toHaveCount(keys.length)

  // A bar opens the table filtered to its keys too (keyboard: focus and Enter).
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Overview' }).click()
  await overview.getByRole('link', { name: /^Last used: Never:/ }).focus()
  await page.keyboard.press('Enter')
  await expect
    .poll(async () => (await table.getByRole('rowheader').allTextContents()).map((name) => name.trim()).sort())
    .toEqual(neverUsed.map((k) => k.name).sort())
})
