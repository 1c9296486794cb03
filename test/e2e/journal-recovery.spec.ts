import AxeBuilder from '@axe-core/playwright'
import { addProfileThroughUi, expect, selectProfile, signInThroughBrowser, test } from './fixtures'
import { keyRow, secretIn } from './key-actions'
import { startDropForwarder } from '../support/journal-forwarder'

// Keywarden closes after the server created a key and before the one-time dialog showed it (the
// answer was lost on the way); after the restart on the same data folder and keychain, the same
// secret is shown once, and the server holds exactly one such key.

test('a create whose answer was lost is recovered and shown once after a restart', async ({
  page,
  startHost,
  sandbox,
}) => {
  // The client retries a create whose answer is lost (same idempotency key) before it reports the failure.
  test.setTimeout(180_000)
  const forwarder = await startDropForwarder(sandbox.url)
  try {
    const first = await startHost()
    await page.goto(first.url)
    await addProfileThroughUi(page, {
      name: 'Gateway through forwarder',
      dialect: 'gateway',
      apiBaseUrl: `${forwarder.url}/gateway`,
      issuer: sandbox.url,
    })
    await selectProfile(page, 'Gateway through forwarder')
    await signInThroughBrowser(page, 'admin')
    await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()

    const name = `recovered-${Date.now()}`
    forwarder.dropCreates = true
    await page.getByRole('button', { name: 'Add API key' }).click()
    const form = page.getByRole('dialog', { name: 'Add API key' })
    await form.getByLabel('Name', { exact: true }).fill(name)
    await form.getByRole('checkbox', { name: 'View Sales' }).check()
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(form.getByRole('alert')).toBeVisible({ timeout: 90_000 })
    expect(forwarder.creates).toBeGreaterThan(0)
    await first.close()

    forwarder.dropCreates = false
    const second = await startHost()
    await page.goto(second.url)
    const dialog = page.getByRole('dialog', { name: 'Your new API key' })
    await expect(dialog).toBeVisible()
    await expect(dialog.getByTestId('recovery-line')).toHaveText(
      `Keywarden closed while creating ${name}; this is its key, shown once.`,
    )
    const value = await secretIn(dialog.getByLabel('API key', { exact: true }))
    const used = await fetch(`${sandbox.url}/gateway/v1/sales`, { headers: { 'x-api-key': value } })
    expect(used.status).toBe(200)

    const axe = await new AxeBuilder({ page }).include('dialog[open]').analyze()
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])

    await dialog.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Close anyway' }).click()
    await expect(dialog).toBeHidden()
    await expect(keyRow(page, name)).toHaveCount(1)

    // Shown once: another restart shows nothing again.
    await second.close()
    const third = await startHost()
    await page.goto(third.url)
    await expect(keyRow(page, name)).toHaveCount(1)
    await expect(page.getByRole('dialog', { name: 'Your new API key' })).toHaveCount(0)
  } finally {
    await forwarder.close()
  }
})
