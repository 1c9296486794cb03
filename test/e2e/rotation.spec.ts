import { ManualClock } from '@core/clock'
import { expect, test } from './fixtures'
import { createKeyInUi, keyRow, openProfile, rowAction } from './key-actions'

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

const MINUTE = 60_000
const gatewayAccepts = async (base: string, value: string) =>
  (await fetch(`${base}/gateway/v1/sales`, { headers: { 'x-api-key': value } })).status

test('rotate with a 15-minute grace period: the old key works until the deadline and is revoked after it, across a host restart', async ({
  page,
  startHost,
  sandbox,
}) => {
  const clock = new ManualClock()
  const first = await startHost({ clock })
  await openProfile(page, first.url, 'Local sandbox · gateway', 'admin')
  const name = `rotating-${Date.now()}`
  const old = await createKeyInUi(page, { name, resource: 'Sales' })
  await old.dialog.getByRole('button', { name: 'Copy API key' }).click()
  await old.dialog.getByRole('button', { name: 'Done' }).click()

  await rowAction(page, name, 'Rotate')
  const rotate = page.getByRole('dialog', { name: 'Rotate API key' })
  await rotate.getByRole('radio', { name: 'After 15 minutes' }).check()
  await rotate.getByRole('button', { name: 'Rotate' }).click()
  const secret = page.getByRole('dialog', { name: 'Your new API key' })
  await expect(secret).toBeVisible()
  const successor = (
    await secret
      .getByLabel('API key', { exact: true })
      .inputValue()
      .catch(async () => (await secret.getByLabel('API key', { exact: true }).textContent()) ?? '')
  ).trim()
  await secret.getByRole('button', { name: 'Copy API key' }).click()
  await secret.getByRole('button', { name: 'Done' }).click()

  const pending = page.getByRole('region', { name: 'Pending revocations' })
  await expect(pending).toContainText(name)
  await expect(pending).toContainText(/1[45]:\d\d/)
  expect(await gatewayAccepts(sandbox.url, old.value)).toBe(200)

  // Fourteen minutes on, the old key still works. Then the host stops and starts again.
  clock.advance(14 * MINUTE)
  expect(await gatewayAccepts(sandbox.url, old.value)).toBe(200)
  await first.close()
  const second = await startHost({ clock })
  await page.goto(second.url)
  await expect(page.getByRole('region', { name: 'Pending revocations' })).toContainText(name)
  expect(await gatewayAccepts(sandbox.url, old.value)).toBe(200)

  // Past the deadline the restarted host revokes it; the successor keeps working.
  clock.advance(2 * MINUTE)
  await expect.poll(() => gatewayAccepts(sandbox.url, old.value)).toBe(401)
  await expect(page.getByRole('region', { name: 'Pending revocations' })).toHaveCount(0)
  await expect(keyRow(page, name)).toHaveCount(0)
  expect(await gatewayAccepts(sandbox.url, successor)).toBe(200)
})
