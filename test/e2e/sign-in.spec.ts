import keytar from 'keytar'
import { expect, signInThroughBrowser, test } from './fixtures'

test('admin signs in through the sandbox login page and sees the seeded keys', async ({ page, startHost }) => {
  const host = await startHost()
  await page.goto(host.url)
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()

  const tab = await signInThroughBrowser(page, 'admin')
  await expect(tab.getByText('You can close this tab and return to Keywarden.')).toBeVisible()

  const table = page.getByRole('table', { name: 'API keys' })
  await expect(table).toBeVisible()
  await expect(page.getByText('Ada Admin')).toBeVisible()
  await expect(table.getByRole('row')).not.toHaveCount(1)
  await expect(table.getByRole('rowheader', { name: 'checkout-service' })).toBeVisible()
  // Expired keys are greyed out and flagged.
  const expired = table.locator('tr.key-row--expired')
  await expect(expired.first()).toBeVisible()
  await expect(expired.first().getByRole('img', { name: 'Expired' })).toBeVisible()
})

test('a wrong password is refused by the sandbox and the app keeps waiting', async ({ page, startHost }) => {
  const host = await startHost()
  await page.goto(host.url)
  const tab = await signInThroughBrowser(page, 'admin', 'not-the-password')
  await expect(tab.getByText('Invalid username or password.')).toBeVisible()
  await expect(page.getByText('Waiting for you to finish signing in in your browser…')).toBeVisible()

  await tab.getByLabel('Username').fill('admin')
  await tab.getByLabel('Password').fill('keywarden')
  await tab.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
})

// The sign-in tab has no opener (noopener, and COOP on the host), so the page cannot see it close:
// after closing it, the sign-in screen's Cancel ends the sign-in, and so does the sign-in timeout.
test('after the sign-in tab is closed, Cancel ends sign-in with a clear message', async ({ page, startHost }) => {
  const host = await startHost()
  await page.goto(host.url)
  const loginTab = page.context().waitForEvent('page')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  const tab = await loginTab
  await expect(tab.getByLabel('Username')).toBeVisible()
  await tab.close()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('alert')).toContainText('Sign-in was cancelled.')
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled()
})

test('a sign-in whose tab was closed ends by itself when the sign-in times out', async ({ page, startHost }) => {
  const host = await startHost({ signInTimeoutMs: 1_500 })
  await page.goto(host.url)
  const loginTab = page.context().waitForEvent('page')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  const tab = await loginTab
  await expect(tab.getByLabel('Username')).toBeVisible()
  await tab.close()
  await expect(page.getByRole('alert')).toContainText(/timed out/i)
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled()
})

test('a second start of the host signs in from the stored refresh token, without the login page', async ({
  page,
  startHost,
  keychainService,
}) => {
  const first = await startHost()
  await page.goto(first.url)
  await signInThroughBrowser(page, 'support')
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
  await first.close()

  // The refresh token, and the offline cache's key (never a token or a key value); nothing else.
  const stored = (await keytar.findCredentials(keychainService)).map((c) => c.account).sort()
  expect(stored).toEqual([
    expect.stringMatching(/^profile:.+:key-cache$/),
    expect.stringMatching(/^profile:.+:refresh-token$/),
  ])

  const second = await startHost()
  const opened: string[] = []
  page.context().on('page', (p) => opened.push(p.url()))
  await page.goto(second.url)
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
  expect(opened).toEqual([])
})

test('signing out deletes the refresh token from the keychain and revokes it', async ({
  page,
  startHost,
  keychainService,
}) => {
  const host = await startHost()
  await page.goto(host.url)
  await signInThroughBrowser(page, 'viewer')
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
  const refreshTokens = async () =>
    (await keytar.findCredentials(keychainService)).filter((c) => c.account.endsWith(':refresh-token'))
  expect(await refreshTokens()).toHaveLength(1)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
  expect(await keytar.findCredentials(keychainService)).toHaveLength(0)
})
