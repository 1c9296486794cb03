import AxeBuilder from '@axe-core/playwright'
import { GATEWAY_KEY_FORMAT, maskKey, newKeyValue } from '@sandbox/keys/key-format'
import { expect, test } from './fixtures'
import { rendererText } from './key-actions'

/** The same value with its last (checksum) symbol changed: the shape of a key, not a key. */
const brokenChecksum = (value: string) => value.slice(0, -1) + (value.endsWith('A') ? 'B' : 'A')

test('signed out: Identify lists a pasted gateway key masked with its format, as an unknown key, and says to sign in; a broken checksum is not listed', async ({
  page,
  startHost,
  hostLog,
}) => {
  const host = await startHost()
  await page.goto(host.url)
  // No profile is signed in: the sign-in screen, with the way to Identify in the header.
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Identify a key' }).click()

  const key = newKeyValue(GATEWAY_KEY_FORMAT)
  const decoy = brokenChecksum(newKeyValue(GATEWAY_KEY_FORMAT))
  await page
    .getByLabel('Ticket, log excerpt or config file')
    .fill(['Customer ticket #4412:', `  our gateway key is ${key}`, `  (the old one was ${decoy})`].join('\n'))
  await page.getByRole('button', { name: 'Identify keys' }).click()

  await expect(page.getByText('1 key found.')).toBeVisible()
  const card = page.getByRole('article')
  await expect(card).toHaveCount(1)
  await expect(card.locator('code')).toHaveText(maskKey(key, GATEWAY_KEY_FORMAT))
  await expect(card).toContainText('gateway key')
  await expect(card).toContainText('line 2, column 22')
  await expect(card).toContainText('Unknown key')
  await expect(page.getByText('Sign in to identify: no profile is signed in')).toBeVisible()
  await expect(page.getByText(maskKey(decoy, GATEWAY_KEY_FORMAT))).toHaveCount(0)

  const axe = await new AxeBuilder({ page }).analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
  // Nothing whole in the DOM, the renderer's state or the host's log.
  const rendered = await rendererText(page)
  for (const value of [key, decoy]) {
    expect(rendered.includes(value)).toBe(false)
    expect(hostLog.join('\n').includes(value)).toBe(false)
  }

  // Back to the sign-in: leaving the view cleared the results.
  await page.getByRole('button', { name: 'Back to sign-in' }).click()
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
  await expect(page.getByRole('article')).toHaveCount(0)
})
