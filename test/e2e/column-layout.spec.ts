import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { expect, signInThroughBrowser, selectProfile, test } from './fixtures'
import { openProfile } from './key-actions'

// The key table's layout through the real browser host and Chromium: hide a column, resize one by
// keyboard, move one, sort, filter; the layout is saved in the core's settings file, and a restarted
// host brings it back, each profile its own.

const GATEWAY = 'Local sandbox · gateway'
const WALLET = 'Local sandbox · wallet'

const table = (page: Page): Locator => page.getByRole('table', { name: 'API keys' })

/** The column headers' names, left to right (the select column's is empty). */
async function headers(page: Page): Promise<string[]> {
  const names = await table(page)
    .locator('thead th')
    .evaluateAll((cells) =>
      cells.map((cell) => {
        const by = cell.getAttribute('aria-labelledby')
        return (by ? document.getElementById(by)?.textContent : cell.textContent)?.replace(/[▲▼]/g, '').trim() ?? ''
      }),
    )
  return names.filter((name) => name !== '')
}

/** Every layout saved in the host's settings file, with the account it is for ('' for none). */
function savedEntries(dataDir: string): Array<{ account: string; layout: Record<string, unknown> }> {
  try {
    const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as {
      tableLayouts?: Record<string, Record<string, { layout: Record<string, unknown> }>>
    }
    return Object.values(settings.tableLayouts ?? {}).flatMap((accounts) =>
      Object.entries(accounts).map(([account, entry]) => ({ account, layout: entry.layout })),
    )
  } catch {
    return []
  }
}

const savedLayouts = (dataDir: string): Array<Record<string, unknown>> =>
  savedEntries(dataDir).map((entry) => entry.layout)

async function openChooser(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: /^Columns/ }).click()
  const menu = page.getByRole('menu', { name: 'Columns' })
  await expect(menu).toBeVisible()
  return menu
}

async function loaded(page: Page): Promise<void> {
  await expect(table(page).getByRole('rowheader').first()).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 30_000 })
}

test('hidden column, keyboard width, order, sort and filter come back after a restart, per profile; the chooser passes axe', async ({
  page,
  startHost,
  dataDir,
}) => {
  test.setTimeout(180_000)
  const first = await startHost()
  await openProfile(page, first.url, GATEWAY, 'admin')
  await loaded(page)
  expect(await headers(page)).toEqual(['Name', 'Scopes', 'Status', 'Last used', 'Key', 'Actions'])

  // The chooser: a real menu, ticks for the data columns, Name always shown; axe on it open.
  const menu = await openChooser(page)
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Name' })).toHaveAttribute('aria-disabled', 'true')
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Last used' })).toHaveAttribute('aria-checked', 'true')
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Name' })).toBeFocused()
  const { violations } = await new AxeBuilder({ page }).include('.column-chooser').analyze()
  expect(
    violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([])

  // By keyboard: down to "Last used" and untick it; right to "Move Status left" on Status's row, twice.
  await page.keyboard.press('ArrowDown') // Scopes
  await page.keyboard.press('ArrowDown') // Status
  await page.keyboard.press('ArrowDown') // Last used
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Last used' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Last used' })).toHaveAttribute('aria-checked', 'false')
  await page.keyboard.press('ArrowUp') // Status
  await page.keyboard.press('ArrowRight') // Move Status left
  await expect(menu.getByRole('menuitem', { name: 'Move Status left' })).toBeFocused()
  await page.keyboard.press('Enter')
  // Name can never be hidden: choosing it changes nothing.
  await menu.getByRole('menuitemcheckbox', { name: 'Name' }).click({ force: true })
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Name' })).toHaveAttribute('aria-checked', 'true')
  await page.keyboard.press('Escape')
  await expect(menu).toBeHidden()
  await expect(page.getByRole('button', { name: 'Columns (1 hidden)' })).toBeFocused()
  expect(await headers(page)).toEqual(['Name', 'Status', 'Scopes', 'Key', 'Actions'])

  // Resize "Key" by keyboard: three steps of 10 px wider.
  const edgeOfKey = page.getByRole('separator', { name: 'Resize Key column' })
  const keyEdge = table(page).locator(edgeOfKey)
  const before = Number(await keyEdge.getAttribute('aria-valuenow'))
  expect(before).toBeGreaterThan(0)
  await keyEdge.focus()
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  const width = before + 30
  await expect(keyEdge).toHaveAttribute('aria-valuenow', String(width))
  const keyHeader = table(page).locator('thead th').filter({ has: edgeOfKey })
  expect(Math.round((await keyHeader.boundingBox())!.width)).toBe(width)

  // Sort by Key, Z to A; filter by text and status.
  const keySort = keyHeader.getByRole('button', { name: 'Key' })
  await keySort.click()
  await keySort.click()
  await expect(keyHeader).toHaveAttribute('aria-sort', 'descending')
  await page.getByRole('searchbox', { name: 'Filter keys' }).fill('-re')
  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('active')
  await expect(page.locator('.keys__count')).toContainText(' of ')
  const count = await page.locator('.keys__count').innerText()
  const firstRow = await table(page).getByRole('rowheader').first().innerText()

  // Saved by the core (debounced): the settings file holds the layout, and no key data.
  const gatewayLayout = {
    hidden: ['lastUsed'],
    order: ['name', 'status', 'permissions', 'lastUsed', 'key'],
    widths: { key: width },
    sort: { column: 'key', desc: true },
    filterText: '-re',
    status: 'active',
  }
  await expect.poll(() => savedLayouts(dataDir), { timeout: 10_000 }).toContainEqual(gatewayLayout)

  // A second profile keeps its own layout: it starts from the defaults; its change is its own.
  await selectProfile(page, WALLET)
  await signInThroughBrowser(page, 'admin')
  await loaded(page)
  expect(await headers(page)).toEqual([
    'Name',
    'Roles',
    'Status',
    'Expiry date',
    'Notes',
    'Last used',
    'Key',
    'Actions',
  ])
  await expect(page.getByRole('searchbox', { name: 'Filter keys' })).toHaveValue('')
  // Resize by dragging a header's edge: 40 px to the right makes the column 40 px wider.
  const rolesEdge = table(page).getByRole('separator', { name: 'Resize Roles column' })
  const rolesBefore = Number(await rolesEdge.getAttribute('aria-valuenow'))
  const box = (await rolesEdge.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2, { steps: 3 })
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 3 })
  await page.mouse.up()
  await expect(rolesEdge).toHaveAttribute('aria-valuenow', String(rolesBefore + 40))

  const walletMenu = await openChooser(page)
  await walletMenu.getByRole('menuitemcheckbox', { name: 'Notes' }).click()
  await page.keyboard.press('Escape')
  expect(await headers(page)).toEqual(['Name', 'Roles', 'Status', 'Expiry date', 'Last used', 'Key', 'Actions'])
  await expect
    .poll(() =>
      savedLayouts(dataDir).some(
        (layout) =>
          JSON.stringify(layout.hidden) === '["notes"]' &&
          (layout.widths as Record<string, number>).permissions === rolesBefore + 40,
      ),
    )
    .toBe(true)

  // The wallet has accounts: its layout is the selected account's; the gateway has none.
  const entries = savedEntries(dataDir)
  expect(entries.find((entry) => JSON.stringify(entry.layout.hidden) === '["notes"]')?.account).not.toBe('')
  expect(entries.find((entry) => entry.layout.filterText === '-re')?.account).toBe('')

  // Restart the host: the wallet (the active profile) shows its layout, the gateway its own.
  await first.close()
  const second = await startHost()
  await page.goto(second.url)
  await loaded(page)
  expect(await headers(page)).toEqual(['Name', 'Roles', 'Status', 'Expiry date', 'Last used', 'Key', 'Actions'])
  await expect(rolesEdge).toHaveAttribute('aria-valuenow', String(rolesBefore + 40))

  await selectProfile(page, GATEWAY)
  await loaded(page)
  expect(await headers(page)).toEqual(['Name', 'Status', 'Scopes', 'Key', 'Actions'])
  await expect(page.getByRole('searchbox', { name: 'Filter keys' })).toHaveValue('-re')
  await expect(page.getByRole('combobox', { name: 'Status', exact: true })).toHaveValue('active')
  const restoredKey = table(page).locator('thead th').filter({ has: edgeOfKey })
  await expect(restoredKey).toHaveAttribute('aria-sort', 'descending')
  await expect(keyEdge).toHaveAttribute('aria-valuenow', String(width))
  expect(Math.round((await restoredKey.boundingBox())!.width)).toBe(width)
  await expect(page.locator('.keys__count')).toHaveText(count)
  await expect(table(page).getByRole('rowheader').first()).toHaveText(firstRow)
  await expect(page.getByRole('button', { name: 'Columns (1 hidden)' })).toBeVisible()

  // "Reset columns" brings back every column, the default order and widths at once; sort and filter stay.
  const resetMenu = await openChooser(page)
  await resetMenu.getByRole('menuitem', { name: 'Reset columns' }).click()
  await page.keyboard.press('Escape')
  expect(await headers(page)).toEqual(['Name', 'Scopes', 'Status', 'Last used', 'Key', 'Actions'])
  await expect(keyEdge).not.toHaveAttribute('aria-valuenow', String(width))
  await expect(page.getByRole('searchbox', { name: 'Filter keys' })).toHaveValue('-re')
  await expect
    .poll(() => savedLayouts(dataDir))
    .toContainEqual({
      ...gatewayLayout,
      hidden: [],
      order: ['name', 'permissions', 'status', 'lastUsed', 'key'],
      widths: {},
    })
})
