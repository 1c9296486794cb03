import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { seriousViolations } from './axe-check'
import { createKeyInUi, keyRow, openProfile } from './key-actions'

function selectedRowName(page: Page) {
  return page.getByRole('table', { name: 'API keys' }).locator('tr[aria-selected="true"] th')
}

// Each axe run over the page takes seconds on a busy machine; this bounds the wait, it times nothing.
test.describe.configure({ timeout: 180_000 })

test('the detail panel shows a key’s full notes and all its permissions, follows the keyboard and closes with Escape', async ({
  page,
  startHost,
}) => {
  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · wallet', 'admin')
  const name = `panel-${Date.now()}`
  const notes = `Used by the payments team for nightly settlement.\nSecond line: rotate before the audit; ${'long '.repeat(40)}end.`
  const created = await createKeyInUi(page, { name, resource: 'Payments', notes })
  await created.dialog.getByRole('button', { name: 'Copy API key' }).click()
  await created.dialog.getByRole('button', { name: 'Done' }).click()

  // The table cuts the notes to one line; the panel shows them whole.
  await keyRow(page, name).getByRole('rowheader').click()
  const panel = page.getByRole('region', { name })
  await expect(panel).toBeVisible()
  await expect(panel.locator('.key-panel__notes')).toHaveText(notes, { useInnerText: false })
  await expect(panel.getByRole('checkbox', { name: 'View Payments' })).toBeChecked()
  await expect(panel.getByRole('checkbox', { name: 'Change Payments' })).toBeChecked()
  await expect(panel.getByRole('checkbox', { name: 'Change Payments' })).toBeDisabled()
  // Its creation is in this key's entries of the local audit log.
  await expect(panel.getByRole('list', { name: 'Audit log of this key' })).toContainText('created')
  expect(await seriousViolations(page)).toEqual([])
  // Keyboard: the clicked row is the selected row; arrow keys move the selection and the panel follows.
  await expect(selectedRowName(page)).toHaveText(name)
  await keyRow(page, name).focus()
  await page.keyboard.press('Home')
  const first = (await selectedRowName(page).textContent())!.trim()
  expect(first).not.toBe(name)
  await expect(page.getByRole('region', { name: first })).toBeVisible()
  await page.keyboard.press('ArrowDown')
  const second = (await selectedRowName(page).textContent())!.trim()
  expect(second).not.toBe(first)
  await expect(page.getByRole('region', { name: second })).toBeVisible()
  await expect(page.locator('tr[aria-selected="true"]')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.locator('.key-panel')).toHaveCount(0)
  // Enter opens the selected row again.
  await page.keyboard.press('Enter')
  await expect(page.getByRole('region', { name: second })).toBeVisible()
})

test('gateway: the panel lists every scope; chips that do not fit end in +N with a tooltip; the row menu works by keyboard', async ({
  page,
  startHost,
}) => {
  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  const row = keyRow(page, 'checkout-service')

  // "+1": the third chip is behind it, and its tooltip names it on focus.
  const more = row.getByRole('button', { name: /^\d+ more$/ })
  await more.focus()
  const tooltipId = await more.getAttribute('aria-describedby')
  const tooltip = page.locator(`[id="${tooltipId}"]`)
  await expect(tooltip).toBeVisible()
  await expect(tooltip).toHaveAttribute('role', 'tooltip')
  const shownChips = await row.getByRole('list', { name: 'Scopes of checkout-service' }).getByRole('listitem').count()
  const hiddenCount = Number((await more.textContent())!.replace('+', ''))
  expect(shownChips + hiddenCount).toBe(2)

  // The menu: opens from the keyboard on its first item, arrows wrap, Home/End, Escape gives focus back.
  const button = row.getByRole('button', { name: 'More actions' })
  await expect(button).toHaveAttribute('aria-haspopup', 'menu')
  await button.focus()
  await page.keyboard.press('ArrowDown')
  const menu = page.getByRole('menu', { name: 'More actions' })
  const items = menu.getByRole('menuitem')
  await expect(items.first()).toBeFocused()
  const labels = (await items.allTextContents()).map((text) => text.trim())
  expect(labels).toEqual(['Edit', 'Disable', 'Rotate', 'Try key', 'Revoke'])
  await page.keyboard.press('ArrowUp')
  await expect(items.last()).toBeFocused()
  await page.keyboard.press('Home')
  await expect(items.first()).toBeFocused()
  await page.keyboard.press('End')
  await expect(items.last()).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(items.first()).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)
  await expect(button).toBeFocused()
  // A click outside closes it too.
  await button.click()
  await expect(menu).toBeVisible()
  await page.getByRole('heading', { name: 'API keys' }).click()
  await expect(menu).toHaveCount(0)

  // The panel: every scope, in the grid and in the gateway's own words.
  await row.getByRole('rowheader').click()
  const panel = page.getByRole('region', { name: 'checkout-service' })
  for (const scope of ['sale:read', 'sale:write', 'transaction:read'])
    await expect(panel.getByText(scope, { exact: true })).toBeVisible()
  await expect(panel.getByRole('checkbox', { name: /^Change Sales/ })).toBeChecked()
  await expect(panel.getByRole('checkbox', { name: /^View Transactions/ })).toBeChecked()
  await expect(panel.getByRole('checkbox', { name: /^Change Transactions/ })).not.toBeChecked()
  await expect(panel.getByRole('button', { name: 'Revoke' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})

test('selection for bulk: checkboxes, shift-click ranges, Space, select all shown by the filter', async ({
  page,
  startHost,
}) => {
  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  const table = page.getByRole('table', { name: 'API keys' })
  const boxes = table.getByRole('checkbox', { name: /^Select (?!all)/ })
  const total = await boxes.count()
  expect(total).toBeGreaterThan(4)
  const ticked = () => table.locator('tbody input[type="checkbox"]:checked').count()

  await boxes.nth(0).click()
  await boxes.nth(3).click({ modifiers: ['Shift'] })
  expect(await ticked()).toBe(4)
  await expect(boxes.nth(1)).toBeChecked()
  await expect(boxes.nth(2)).toBeChecked()
  const all = table.getByRole('checkbox', { name: `Select all ${total} shown by the filter` })
  await expect(all).not.toBeChecked()
  expect(await all.evaluate((box: HTMLInputElement) => box.indeterminate)).toBe(true)

  // Space on the focused row ticks it.
  await keyRow(page, 'crm-sync').focus()
  const crm = table.getByRole('checkbox', { name: 'Select crm-sync' })
  const before = await crm.isChecked()
  await page.keyboard.press('Space')
  await expect(crm).toBeChecked({ checked: !before })

  // "Select all" ticks exactly the rows the filter shows.
  await page.getByRole('searchbox', { name: 'Filter keys' }).fill('sale')
  const shown = await boxes.count()
  expect(shown).toBeLessThan(total)
  await table.getByRole('checkbox', { name: `Select all ${shown} shown by the filter` }).check()
  expect(await ticked()).toBe(shown)
  await page.getByRole('searchbox', { name: 'Filter keys' }).fill('')
  expect(await ticked()).toBe(shown)
})
