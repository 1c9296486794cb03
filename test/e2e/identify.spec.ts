import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './fixtures'
import { createKeyInUi, openProfile, rendererText } from './key-actions'

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

/** The same key with its last (checksum) symbol changed: the shape of a key, not a key. */
const brokenChecksum = (value: string) => value.slice(0, -1) + (value.endsWith('A') ? 'B' : 'A')

/** Every file under `dir`, as text. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, 'utf8'))
}

test('identify a pasted key by its profile and status, rotate it from the result, scan a folder; no key value is left anywhere', async ({
  page,
  startHost,
  dataDir,
  hostLog,
}) => {
  // Sign-in, create, rotate and a scan in one story: more than the default minute on a busy machine.
  test.setTimeout(150_000)
  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  const name = `identify-${Date.now()}`
  const created = await createKeyInUi(page, { name, resource: 'Sales' })
  await created.dialog.getByRole('button', { name: 'Copy API key' }).click()
  await created.dialog.getByRole('button', { name: 'Done' }).click()
  const decoy = brokenChecksum(created.value)

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Identify' }).click()
  const paste = page.getByLabel('Ticket, log excerpt or config file')
  await paste.fill(
    [
      '2026-11-30T03:12:09Z INFO checkout started',
      `2026-11-30T03:12:10Z WARN retrying with x-api-key=${created.value} (attempt 2)`,
      `2026-11-30T03:12:11Z WARN fallback key ${decoy} refused`,
    ].join('\n'),
  )
  await page.getByRole('button', { name: 'Identify keys' }).click()
  await expect(page.getByText('1 key found.')).toBeVisible()
  const card = page.getByRole('article')
  await expect(card).toHaveCount(1)
  await expect(card).toContainText(name)
  await expect(card).toContainText('on Local sandbox · gateway')
  await expect(card).toContainText('Active')
  await expect(card).toContainText('line 2, column')
  // The decoy's masked form (its last symbol differs) is nowhere: it is not a candidate at all.
  await expect(page.getByText(`${decoy.slice(0, 7)}***${decoy.slice(-3)}`)).toHaveCount(0)

  const axe = await new AxeBuilder({ page }).include('.identify-view').analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])

  // Rotate from the result: the key dialogs of the key table, over this view.
  await card.getByRole('button', { name: `Rotate ${name} on Local sandbox · gateway` }).click()
  const rotate = page.getByRole('dialog', { name: 'Rotate API key' })
  await rotate.getByRole('radio', { name: 'After 15 minutes' }).check()
  await rotate.getByRole('button', { name: 'Rotate' }).click()
  const secret = page.getByRole('dialog', { name: 'Your new API key' })
  await expect(secret).toBeVisible()
  const successor = (await secret.getByLabel('API key', { exact: true }).inputValue()).trim()
  await secret.getByRole('button', { name: 'Copy API key' }).click()
  await secret.getByRole('button', { name: 'Done' }).click()

  // Identify again: the old key is now scheduled for revocation.
  await page.getByRole('button', { name: 'Identify keys' }).click()
  await expect(page.getByRole('article')).toContainText(name)
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Keys' }).click()
  await expect(page.getByRole('region', { name: 'Pending revocations' })).toContainText(name)

  // Leaving the view cleared the text.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Identify' }).click()
  await expect(page.getByLabel('Ticket, log excerpt or config file')).toHaveValue('')

  // Scan a folder through the path field: the nested copy is found; the .gitignored one is not.
  const folder = mkdtempSync(join(tmpdir(), 'kw-identify-scan-'))
  try {
    mkdirSync(join(folder, 'src', 'config'), { recursive: true })
    writeFileSync(join(folder, '.gitignore'), 'secrets.env\n')
    writeFileSync(join(folder, 'secrets.env'), `KEY=${created.value}\n`)
    writeFileSync(join(folder, 'src', 'config', 'app.env'), `# payments\nGATEWAY_KEY=${created.value}\n`)
    await page.getByLabel('Folder', { exact: true }).fill(folder)
    await page.getByRole('button', { name: 'Scan', exact: true }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Done:' })).toContainText('1 found')
    const results = page.getByRole('list', { name: 'Scan results' })
    await expect(results.getByRole('listitem').filter({ hasText: 'src/config/app.env:2:13' })).toHaveCount(1)
    await expect(results).toContainText(name)
    const scanAxe = await new AxeBuilder({ page }).include('.identify-view').analyze()
    expect(scanAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])

    const rendered = await rendererText(page)
    const written = [...filesUnder(dataDir), hostLog.join('\n')].join('\n')
    expect(filesUnder(dataDir).some((text) => text.includes(name))).toBe(true)
    for (const value of [created.value, successor, decoy]) {
      expect(rendered.includes(value)).toBe(false)
      expect(written.includes(value)).toBe(false)
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})
