import type { Locator, Page } from '@playwright/test'
import { expect, signInThroughBrowser } from './fixtures'

/** Helpers that do what a user does in the key screens. */

export async function openProfile(page: Page, url: string, profile: string, user: string): Promise<void> {
  await page.goto(url)
  await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption({ label: profile })
  await signInThroughBrowser(page, user)
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
}

export function keyRow(page: Page, name: string): Locator {
  return page
    .getByRole('table', { name: 'API keys' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
}

/** A read-only secret field: an input, or a code/output element. */
export async function secretIn(field: Locator): Promise<string> {
  const value = await field.inputValue().catch(async () => (await field.textContent()) ?? '')
  return value.trim()
}

export interface CreatedInUi {
  value: string
  secret: string | null
  dialog: Locator
}

/** Fills "Add API key", ticking Change on `resource` (which must tick View too), and saves. */
export async function createKeyInUi(
  page: Page,
  options: { name: string; resource: string; notes?: string; preset?: '30 days' | '90 days' | '365 days' },
): Promise<CreatedInUi> {
  await page.getByRole('button', { name: 'Add API key' }).click()
  const form = page.getByRole('dialog', { name: 'Add API key' })
  const save = form.getByRole('button', { name: 'Save' })
  await expect(save).toBeDisabled()
  await form.getByLabel('Name', { exact: true }).fill(options.name)
  if (options.notes !== undefined) await form.getByLabel('Notes').fill(options.notes)
  if (options.preset) await form.getByRole('button', { name: options.preset }).click()
  const view = form.getByRole('checkbox', { name: `View ${options.resource}` })
  const change = form.getByRole('checkbox', { name: `Change ${options.resource}` })
  await expect(view).not.toBeChecked()
  await change.check()
  await expect(view).toBeChecked()
  await expect(save).toBeEnabled()
  await save.click()
  const dialog = page.getByRole('dialog', { name: 'Your new API key' })
  await expect(dialog).toBeVisible()
  const value = await secretIn(dialog.getByLabel('API key', { exact: true }))
  const secretField = dialog.getByLabel('API secret', { exact: true })
  const secret = (await secretField.count()) > 0 ? await secretIn(secretField) : null
  return { value, secret, dialog }
}

/** Everything the renderer holds or shows, as text: the DOM, its stores, its storage. */
export async function rendererText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const storage = (s: Storage) => JSON.stringify(Object.fromEntries(Object.entries(s)))
    const state = (window as unknown as { __keywardenState: () => unknown }).__keywardenState()
    return [
      document.documentElement.outerHTML,
      JSON.stringify(state),
      storage(localStorage),
      storage(sessionStorage),
    ].join('\n')
  })
}

/**
 * Chooses a row action as a user does: the row's visible button if it is the one, otherwise from
 * the row's "More actions" menu.
 */
export async function rowAction(page: Page, name: string, action: string): Promise<void> {
  const row = keyRow(page, name)
  await expect(row).toBeVisible()
  const direct = row.getByRole('button', { name: action, exact: true })
  if ((await direct.count()) > 0) {
    await direct.click()
    return
  }
  await row.getByRole('button', { name: 'More actions' }).click()
  await page.getByRole('menu', { name: 'More actions' }).getByRole('menuitem', { name: action, exact: true }).click()
}

/** Every action a row offers (its visible button and its menu's items), by name; the menu is closed again. */
export async function rowActionNames(page: Page, name: string): Promise<string[]> {
  const row = keyRow(page, name)
  await expect(row).toBeVisible()
  const names = (await row.getByRole('button').allInnerTexts()).map((text) => text.trim())
  const more = row.getByRole('button', { name: 'More actions' })
  if ((await more.count()) === 0) return names.filter((text) => text !== '' && !text.startsWith('+'))
  await more.click()
  const items = await page.getByRole('menu', { name: 'More actions' }).getByRole('menuitem').allInnerTexts()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('menu')).toHaveCount(0)
  return [...names, ...items.map((text) => text.split('\n')[0]!.trim())].filter(
    (text) => text !== '' && text !== '⋯' && !text.startsWith('+'),
  )
}
