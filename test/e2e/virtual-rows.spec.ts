import { expect, signInThroughBrowser, withSeededSandbox } from './fixtures'

// The key table renders only the rows in view (KeyGrid virtualized with @tanstack/react-virtual). With 3,000 keys from the
// sandbox in real Chromium: scrolling shows the rows at that place, the keyboard reaches the last
// row and the first, and a new filter starts at the top.

const SEEDED = 3_000

const test = withSeededSandbox(SEEDED)

test('scrolling, End/Home and a new filter show the right rows, only those in view rendered', async ({
  page,
  startHost,
  sandbox,
}) => {
  test.setTimeout(180_000)
  const { total } = await sandbox.deps.keys.list({ dialect: 'gateway', tenantId: '', offset: 0, limit: 1 })
  const host = await startHost()
  await page.goto(host.url)
  await signInThroughBrowser(page, 'admin')
  await expect(page.locator('.keys__count')).toHaveText(`${total.toLocaleString('en-US')} keys`, { timeout: 60_000 })

  const table = page.getByRole('table', { name: 'API keys' })
  const box = page.locator('.table-scroll--virtual')
  const rows = table.locator('tbody tr[data-key-id]')
  await expect(table).toHaveAttribute('aria-rowcount', String(total + 1))
  // The table is wider than the box (it scrolls sideways), so "in view" is checked top to bottom:
  // the row lies whole between the sticky header and the box's bottom.
  const wholeBelowHeader = (row: typeof rows) =>
    row.evaluate((element) => {
      const scroller = element.closest('.table-scroll--virtual')!
      const header = scroller.querySelector('thead th')!.getBoundingClientRect()
      const { top, bottom } = element.getBoundingClientRect()
      return top >= header.bottom - 1 && bottom <= scroller.getBoundingClientRect().bottom + 1
    })
  const firstIndexes = async () => Number(await rows.first().getAttribute('aria-rowindex'))
  expect(await firstIndexes()).toBe(2)
  expect(await rows.count()).toBeLessThan(60)

  // Scrolled to row 1,500 (rows are 44 px): the rows rendered are around it, and still few.
  await box.evaluate((element) => (element.scrollTop = 1_500 * 44))
  await expect.poll(firstIndexes).toBeGreaterThan(1_480)
  expect(await firstIndexes()).toBeLessThanOrEqual(1_502)
  expect(await rows.count()).toBeLessThan(60)
  // The row at the top of the view is one of them, with its own name.
  const shown = table.locator(`tbody tr[aria-rowindex="${1_500 + 2}"]`)
  await expect(shown).toBeVisible()
  await expect(shown.locator('th')).not.toBeEmpty()

  // End reaches the last row, scrolled into view whole; Home comes back to the first.
  await shown.click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('End')
  const last = table.locator(`tbody tr[aria-rowindex="${total + 1}"]`)
  await expect(last).toBeFocused()
  await expect.poll(() => wholeBelowHeader(last)).toBe(true)
  await page.keyboard.press('Home')
  const first = table.locator('tbody tr[aria-rowindex="2"]')
  await expect(first).toBeFocused()
  await expect.poll(() => wholeBelowHeader(first)).toBe(true)
  await expect.poll(() => box.evaluate((element) => element.scrollTop)).toBe(0)

  // Scrolled down, then a filter: the matching rows show from the first.
  await box.evaluate((element) => (element.scrollTop = 2_000 * 44))
  await expect.poll(firstIndexes).toBeGreaterThan(1_900)
  await page.getByRole('searchbox').fill('scale-')
  await expect.poll(() => box.evaluate((element) => element.scrollTop)).toBe(0)
  expect(await firstIndexes()).toBe(2)
  expect(await wholeBelowHeader(table.locator('tbody tr[aria-rowindex="2"]'))).toBe(true)
})
