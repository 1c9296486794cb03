import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { openProfile } from './key-actions'

// Export while the server cannot be reached: the table shows the offline cache, and exporting it
// works too, the notice saying the file is the offline copy as of when. Real host, keychain, Chromium.

const cacheFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((e) => e.name)
  } catch {
    return []
  }
}

test('with the sandbox stopped, "Export shown keys as CSV" writes the cached rows and says as of when', async ({
  page,
  startHost,
  sandbox,
  dataDir,
}) => {
  test.setTimeout(120_000)
  const first = await startHost()
  await openProfile(page, first.url, 'Local sandbox · gateway', 'admin')
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 30_000 })
  await expect.poll(() => cacheFiles(join(dataDir, 'key-cache')).length, { timeout: 30_000 }).toBeGreaterThan(0)

  await first.close()
  await sandbox.close()
  const second = await startHost()
  await page.goto(second.url)
  await expect(page.getByRole('status').filter({ hasText: 'Offline, read-only.' })).toBeVisible({ timeout: 60_000 })

  const shown = Number((await page.locator('.keys__count').innerText()).replace(/\D/g, ''))
  expect(shown).toBeGreaterThan(0)
  await page.getByRole('button', { name: 'Export', exact: true }).click()
  const downloading = page.waitForEvent('download')
  await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: 'Export shown keys as CSV' }).click()
  const download = await downloading
  const lines = readFileSync(await download.path(), 'utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
  expect(lines.length - 1).toBe(shown)
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: new RegExp(`Exported ${shown} keys from the offline copy as of .+\\d`) }),
  ).toBeVisible()
})
