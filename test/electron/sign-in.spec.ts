import keytar from 'keytar'
import { expect, openSignedIn, skipElectron, skipReason, test, testRecord } from './fixtures'

test.skip(skipElectron, skipReason)

test('sign-in through the sandbox login page shows the seeded keys; a restart signs in from the keychain', async ({
  launch,
  keychainService,
}) => {
  const first = await launch()
  await openSignedIn(first, 'admin')
  const table = first.window.getByRole('table', { name: 'API keys' })
  await expect(table.getByRole('rowheader', { name: 'checkout-service' })).toBeVisible()
  await expect(first.window.getByText('Ada Admin')).toBeVisible()
  await first.app.close()

  // The refresh token is in this test's keychain service, nowhere else.
  const stored = await keytar.findCredentials(keychainService)
  expect(stored.map((c) => c.account)).toEqual([expect.stringMatching(/^profile:.+:refresh-token$/)])

  const second = await launch()
  await expect(second.window.getByRole('table', { name: 'API keys' })).toBeVisible()
  await expect(
    second.window.getByRole('table', { name: 'API keys' }).getByRole('rowheader', { name: 'checkout-service' }),
  ).toBeVisible()
  await expect(second.window.getByRole('button', { name: 'Sign out' })).toBeVisible()
  // No authorization URL was handed out: the stored refresh token did it.
  expect((await testRecord(second.app)).opened).toEqual([])
})
