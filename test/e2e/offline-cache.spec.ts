import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import keytar from 'keytar'
import { expect, test } from './fixtures'
import { createKeyInUi, keyRow, openProfile } from './key-actions'

// The encrypted offline cache through the real browser host, the real keychain and Chromium: a full
// load saves the list; with the sandbox stopped, a restarted host shows it read-only with a banner.

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))

test('with the sandbox stopped, a restarted host shows the saved keys read-only with the banner; no key value is in the cache or the keychain', async ({
  page,
  startHost,
  sandbox,
  dataDir,
  keychainService,
}) => {
  test.setTimeout(300_000)
  const first = await startHost()
  await openProfile(page, first.url, 'Local sandbox · gateway', 'admin')
  const name = `offline-${Date.now()}`
  const created = await createKeyInUi(page, { name, resource: 'Sales' })
  expect(created.value.length).toBeGreaterThan(8)
  await created.dialog.getByRole('button', { name: 'Done' }).click()
  await page
    .getByRole('alertdialog', { name: /You won.t see this secret again/ })
    .getByRole('button', { name: 'Close anyway' })
    .click()
  await expect(keyRow(page, name)).toBeVisible()

  // The full load after the create is saved to the cache.
  const cacheDir = join(dataDir, 'key-cache')
  await expect.poll(() => filesUnder(cacheDir).length, { timeout: 60_000 }).toBeGreaterThan(0)
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 })

  // Every value the test created, in every cache file and every keychain entry of this test.
  const values = [created.value, created.secret].filter((v): v is string => v !== null)
  const stored = [
    ...filesUnder(cacheDir).map((file) => readFileSync(file, 'utf8')),
    ...(await keytar.findCredentials(keychainService)).map((c) => `${c.account}\n${c.password}`),
  ].join('\n')
  for (const value of values) expect(stored).not.toContain(value)
  // Nor the key's name or notes in the clear: the file is ciphertext.
  expect(
    filesUnder(cacheDir)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n'),
  ).not.toContain(name)

  await first.close()
  await sandbox.close()
  const second = await startHost()
  await page.goto(second.url)

  const banner = page.getByRole('status').filter({ hasText: 'Offline, read-only.' })
  await expect(banner).toBeVisible({ timeout: 60_000 })
  await expect(banner).toContainText(/cannot (be )?reach/i)
  await expect(keyRow(page, name)).toBeVisible()
  const readOnly = await page.evaluate(() => {
    const state = (
      window as unknown as { __keywardenState?: () => { keys: { readOnlyReason: string | null } } }
    ).__keywardenState?.()
    return state?.keys.readOnlyReason ?? null
  })
  // The state hook exists only in test builds of the renderer; where it does, it says read-only.
  if (readOnly !== null) expect(readOnly).toContain('cannot be reached')
  for (const value of values) expect(await page.content()).not.toContain(value)

  const results = await new AxeBuilder({ page }).include('.offline-banner').analyze()
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])
})
