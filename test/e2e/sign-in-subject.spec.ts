import type { Page } from '@playwright/test'
import keytar from 'keytar'
import { expect, signInThroughBrowser, test } from './fixtures'

// A profile last signed in as admin gets a sign-in as viewer (as when another local process
// completes the app's authorization URL with its own account): Keywarden says so, and shows no key
// until the user confirms.

/** Records, in the page, whether a key row ever appears, and whether the warning was on screen first. */
async function watchForKeyRows(page: Page): Promise<void> {
  await page.evaluate(() => {
    const record = { rowSeen: false, warningBeforeRow: false }
    ;(window as unknown as { __keyRows: typeof record }).__keyRows = record
    const check = () => {
      if (record.rowSeen) return
      const warning = [...document.querySelectorAll('[role="alert"]')].some((el) =>
        el.textContent?.includes('This profile was signed in as'),
      )
      if (warning) record.warningBeforeRow = true
      if (document.querySelector('table[aria-label="API keys"] tbody tr.key-row')) record.rowSeen = true
    }
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true })
    check()
  })
}

const keyRowsRecord = (page: Page) =>
  page.evaluate(() => (window as unknown as { __keyRows: { rowSeen: boolean; warningBeforeRow: boolean } }).__keyRows)

/** Ends the sandbox's single sign-on session, as signing out there (or another browser) would. */
async function forgetSandboxLogin(page: Page): Promise<void> {
  await page.context().clearCookies({ name: /^_(session|interaction)/ })
}

async function signInAsAdminThenSignOut(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await signInThroughBrowser(page, 'admin')
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
  await expect(page.getByText('Signed in as Ada Admin (admin)')).toBeVisible()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
  await forgetSandboxLogin(page)
}

test('a sign-in as viewer on a profile last signed in as admin is shown as a warning before any key', async ({
  page,
  startHost,
  keychainService,
}) => {
  const host = await startHost()
  await signInAsAdminThenSignOut(page, host.url)

  await watchForKeyRows(page)
  const tab = await signInThroughBrowser(page, 'viewer')
  await expect(tab.getByText('Keywarden asks you to confirm this account before it shows any keys.')).toBeVisible()

  await expect(page.getByRole('heading', { name: 'Confirm the account' })).toBeVisible()
  await expect(page.getByRole('alert')).toContainText(
    'This profile was signed in as Ada Admin (admin); this sign-in is Vic Viewer (viewer).',
  )
  await expect(page.getByRole('table', { name: 'API keys' })).toHaveCount(0)
  expect((await keyRowsRecord(page)).rowSeen).toBe(false)
  // Nothing of the unconfirmed sign-in is kept yet.
  expect(await keytar.findCredentials(keychainService)).toHaveLength(0)

  await page.getByRole('button', { name: 'Continue as Vic Viewer' }).click()
  const table = page.getByRole('table', { name: 'API keys' })
  await expect(table.getByRole('rowheader', { name: 'checkout-service' })).toBeVisible()
  await expect(page.getByText('Signed in as Vic Viewer (viewer)')).toBeVisible()
  expect(await keyRowsRecord(page)).toEqual({ rowSeen: true, warningBeforeRow: true })
  // Kept now: its refresh token (the offline cache's key may follow once the list is loaded).
  const accounts = (await keytar.findCredentials(keychainService)).map((c) => c.account)
  expect(accounts.filter((a) => a.endsWith(':refresh-token'))).toHaveLength(1)
})

test('"Sign out" on the warning ends the sign-in without showing a key', async ({
  page,
  startHost,
  keychainService,
}) => {
  const host = await startHost()
  await signInAsAdminThenSignOut(page, host.url)

  await watchForKeyRows(page)
  await signInThroughBrowser(page, 'viewer')
  await expect(page.getByRole('heading', { name: 'Confirm the account' })).toBeVisible()
  await page.getByRole('button', { name: 'Sign out' }).click()

  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
  expect((await keyRowsRecord(page)).rowSeen).toBe(false)
  expect(await keytar.findCredentials(keychainService)).toHaveLength(0)

  // admin is still the account this profile expects: signing in as admin again asks nothing.
  await forgetSandboxLogin(page)
  await signInThroughBrowser(page, 'admin')
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
  await expect(page.getByText('Signed in as Ada Admin (admin)')).toBeVisible()
})
