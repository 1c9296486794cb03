import { expect, signInThroughBrowser, test } from './fixtures'

test('when the sandbox goes down the table says it cannot reach it and offers a retry', async ({
  page,
  startHost,
  sandbox,
}) => {
  const host = await startHost()
  await page.goto(host.url)
  await signInThroughBrowser(page, 'admin')
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()

  await sandbox.close()
  await page.getByRole('button', { name: 'Refresh' }).click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('cannot reach')
  await expect(alert).toContainText(new URL(sandbox.url).host)
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible()
})

test('sign-in that is never completed times out with a clear message and closes the loopback port', async ({
  page,
  startHost,
}) => {
  const host = await startHost({ signInTimeoutMs: 3_000 })
  await page.goto(host.url)
  const loginTab = page.context().waitForEvent('page')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  const tab = await loginTab
  await expect(tab.getByLabel('Username')).toBeVisible()
  const authorizeUrl = new URL(tab.url())
  await expect(page.getByRole('alert')).toContainText('Sign-in timed out', { timeout: 15_000 })

  // Finishing the login now reaches a closed port: nothing is stored, the app stays signed out.
  await tab.getByLabel('Username').fill('admin')
  await tab.getByLabel('Password').fill('keywarden')
  await tab
    .getByRole('button', { name: 'Sign in' })
    .click()
    .catch(() => {})
  expect(authorizeUrl.hostname).toBe('127.0.0.1')
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
})
