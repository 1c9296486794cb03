import keytar from 'keytar'
import { addProfileThroughUi, expect, selectProfile, signInThroughBrowser, test } from './fixtures'

test('a profile for each dialect, added through the UI: sign in, see its keys, switch the pulse account', async ({
  page,
  startHost,
  sandbox,
}) => {
  const host = await startHost()
  await page.goto(host.url)
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()

  const seen: Record<string, { key: string; headers: string[] }> = {
    gateway: { key: 'checkout-service', headers: ['Name', 'Scopes', 'Status'] },
    wallet: { key: 'acme-backend', headers: ['Name', 'Roles', 'Expiry date', 'Notes'] },
    pulse: { key: 'storefront-api', headers: ['Name', 'Permissions', 'Expiry date'] },
  }
  for (const dialect of ['gateway', 'wallet', 'pulse'] as const) {
    const name = `My ${dialect}`
    await addProfileThroughUi(page, { name, dialect, apiBaseUrl: `${sandbox.url}/${dialect}`, issuer: sandbox.url })
    await selectProfile(page, name)
    await signInThroughBrowser(page, 'admin')
    const table = page.getByRole('table', { name: 'API keys' })
    await expect(table.getByRole('rowheader', { name: seen[dialect]!.key })).toBeVisible()
    for (const header of seen[dialect]!.headers)
      await expect(table.getByRole('columnheader', { name: header })).toBeVisible()
  }

  // Pulse: another account shows that account's keys, and only those.
  const table = page.getByRole('table', { name: 'API keys' })
  await page.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Contoso Travel' })
  await expect(table.getByRole('rowheader', { name: 'booking-engine' })).toBeVisible()
  await expect(table.getByRole('rowheader', { name: 'storefront-api' })).toHaveCount(0)
})

test('removing a profile removes its keychain entries', async ({ page, startHost, keychainService }) => {
  const host = await startHost()
  await page.goto(host.url)
  await signInThroughBrowser(page, 'admin')
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
  const state = await page.evaluate(() =>
    (
      window as unknown as {
        __keywardenState: () => { session: { session: { profile: { id: string; name: string } } } }
      }
    ).__keywardenState(),
  )
  const { id, name } = state.session.session.profile
  expect((await keytar.findCredentials(keychainService)).map((c) => c.account)).toContain(`profile:${id}:refresh-token`)

  await page.getByRole('button', { name: 'Manage profiles' }).click()
  const item = page.getByRole('dialog', { name: 'Profiles' }).getByRole('listitem').filter({ hasText: name })
  await item.getByRole('button', { name: 'Remove' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Remove profile' })
  await expect(confirm).toContainText(`Remove profile “${name}”? Its keychain entries are deleted.`)
  await confirm.getByRole('button', { name: 'Remove' }).click()
  await expect(
    page.getByRole('dialog', { name: 'Profiles' }).getByRole('listitem').filter({ hasText: name }),
  ).toHaveCount(0)

  const left = (await keytar.findCredentials(keychainService)).map((c) => c.account)
  expect(left.filter((account) => account.startsWith(`profile:${id}:`))).toEqual([])
})

test('a profile whose server is unreachable stays listed, marked offline, and the others keep working', async ({
  page,
  startHost,
  sandbox,
}) => {
  const host = await startHost()
  await page.goto(host.url)
  await signInThroughBrowser(page, 'admin')
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()

  // A second sandbox that then goes away plays the unreachable server.
  const { startSandbox } = await import('@sandbox/server')
  const doomed = await startSandbox({ port: 0 })
  await addProfileThroughUi(page, {
    name: 'Doomed',
    dialect: 'gateway',
    apiBaseUrl: `${doomed.url}/gateway`,
    issuer: doomed.url,
  })
  await selectProfile(page, 'Doomed')
  await signInThroughBrowser(page, 'admin')
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
  await doomed.close()
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect(page.getByRole('alert')).toContainText('cannot reach')
  const switcher = page.getByRole('combobox', { name: 'Profile', exact: true })
  await expect(switcher.locator('option', { hasText: 'Doomed' })).toHaveAttribute('title', /cannot reach/)

  await selectProfile(page, 'Local sandbox · gateway')
  await expect(
    page.getByRole('table', { name: 'API keys' }).getByRole('rowheader', { name: 'checkout-service' }),
  ).toBeVisible()
  expect(sandbox.url).not.toBe(doomed.url)
})
