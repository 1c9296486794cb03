/**
 * Issue 15, "a lock while a create is in flight": the create goes on behind the lock, and its
 * one-time secret waits in the main process until the unlock, then shows, the very value the
 * server answered. The API goes through a real proxy that holds the create back for a while.
 */
import { randomUUID } from 'node:crypto'
import { ManualClock } from '@core/clock'
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy'
import { addProfileThroughUi, expect, selectProfile, signInThroughBrowser, test } from './fixtures'
import { rendererText, secretIn } from './key-actions'

const MINUTE = 60_000
const KEYS_PATH = '/gateway/v1/apikeys'
let proxy: FaultProxy | undefined

test.afterEach(async () => {
  await proxy?.close()
  proxy = undefined
})

test('a lock while a create is in flight: the key is created behind the lock and its secret shows after the unlock', async ({
  page,
  sandbox,
  startHost,
}) => {
  proxy = await startFaultProxy(sandbox.url, { recordBodies: true })
  const clock = new ManualClock()
  const host = await startHost({ clock })
  await page.goto(host.url)
  const profile = 'Gateway on a slow network'
  await addProfileThroughUi(page, {
    name: profile,
    dialect: 'gateway',
    apiBaseUrl: `${proxy.url}/gateway`,
    issuer: sandbox.url,
  })
  await selectProfile(page, profile)
  await signInThroughBrowser(page, 'admin')
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()

  // The server gets the create only after four seconds; meanwhile the user is away long enough to lock.
  proxy.addRule({ method: 'POST', path: KEYS_PATH, nth: 1, fault: { kind: 'delay', ms: 4_000 } })
  const name = `lock-in-flight-${randomUUID().slice(0, 8)}`
  await page.getByRole('button', { name: 'Add API key' }).click()
  const form = page.getByRole('dialog', { name: 'Add API key' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  await form.getByRole('checkbox', { name: 'View Sales' }).check()
  await form.getByRole('button', { name: 'Save' }).click()
  clock.advance(5 * MINUTE)
  await expect(page.getByRole('heading', { name: 'Keywarden is locked' })).toBeVisible()
  await expect(page.getByRole('dialog', { name: 'Add API key' })).toHaveCount(0)

  // The create finishes behind the lock: the server answered, and the page holds nothing of it.
  await expect
    .poll(() => proxy!.exchanges.find((e) => e.method === 'POST' && e.path === KEYS_PATH)?.status, {
      timeout: 15_000,
    })
    .toBe(201)
  const answered = JSON.parse(
    proxy.exchanges.find((e) => e.method === 'POST' && e.path === KEYS_PATH)!.responseBody!,
  ) as { key: string }
  expect(answered.key).toMatch(/^apk_/)
  await page.waitForTimeout(500)
  await expect(page.getByRole('dialog', { name: 'Your new API key' })).toHaveCount(0)
  expect(await rendererText(page)).not.toContain(answered.key)

  // Unlocked with a new sign-in: the one-time dialog shows the value the server issued.
  const loginTab = page.context().waitForEvent('page')
  await page.getByRole('button', { name: 'Unlock' }).click()
  const tab = await loginTab
  await tab.getByLabel('Username').fill('admin')
  await tab.getByLabel('Password').fill('keywarden')
  await tab.getByRole('button', { name: 'Sign in' }).click()
  const dialog = page.getByRole('dialog', { name: 'Your new API key' })
  await expect(dialog).toBeVisible()
  expect(await secretIn(dialog.getByLabel('API key', { exact: true }))).toBe(answered.key)
})
