/**
 * Issue 15, "a lock while a create is in flight": the create goes on behind the lock, and its
 * one-time secret waits in the main process until the unlock, then shows, the very value the
 * server answered. The API goes through a real proxy that holds the create back for a while.
 */
import { randomUUID } from 'node:crypto'
import { ManualClock } from '@core/clock'
import type { Page } from '@playwright/test'
import { gatewayAsAdmin } from '../support/bulk-sandbox-keys'
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

/** Adds a gateway profile whose API goes through the proxy, and signs in to it. */
async function signInThroughProxy(page: Page, hostUrl: string, sandboxUrl: string, proxyUrl: string): Promise<void> {
  await page.goto(hostUrl)
  const profile = 'Gateway on a slow network'
  await addProfileThroughUi(page, {
    name: profile,
    dialect: 'gateway',
    apiBaseUrl: `${proxyUrl}/gateway`,
    issuer: sandboxUrl,
  })
  await selectProfile(page, profile)
  await signInThroughBrowser(page, 'admin')
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
}

/** Unlocks with a new sign-in at the sandbox, as the user does. */
async function unlock(page: Page): Promise<void> {
  const loginTab = page.context().waitForEvent('page')
  await page.getByRole('button', { name: 'Unlock' }).click()
  const tab = await loginTab
  await tab.getByLabel('Username').fill('admin')
  await tab.getByLabel('Password').fill('keywarden')
  await tab.getByRole('button', { name: 'Sign in' }).click()
}

/** The API key values the server answered to creates, as the proxy saw them. */
function createdValues(): string[] {
  return proxy!.exchanges
    .filter((e) => e.method === 'POST' && e.path === KEYS_PATH && e.status === 201)
    .map((e) => (JSON.parse(e.responseBody!) as { key: string }).key)
}

test('a lock while a create is in flight: the key is created behind the lock and its secret shows after the unlock', async ({
  page,
  sandbox,
  startHost,
}) => {
  proxy = await startFaultProxy(sandbox.url, { recordBodies: true })
  const clock = new ManualClock()
  const host = await startHost({ clock })
  await signInThroughProxy(page, host.url, sandbox.url, proxy.url)

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
  await unlock(page)
  const dialog = page.getByRole('dialog', { name: 'Your new API key' })
  await expect(dialog).toBeVisible()
  expect(await secretIn(dialog.getByLabel('API key', { exact: true }))).toBe(answered.key)
})

test('a lock during a bulk rotation: the run goes on behind the lock, and its new secrets wait for the unlock', async ({
  page,
  sandbox,
  startHost,
}) => {
  proxy = await startFaultProxy(sandbox.url, { recordBodies: true })
  const names = [0, 1, 2].map((i) => `lock-bulk-${randomUUID().slice(0, 6)}-${i}`)
  await (await gatewayAsAdmin(sandbox.url)).create(names)
  const clock = new ManualClock()
  const host = await startHost({ clock })
  await signInThroughProxy(page, host.url, sandbox.url, proxy.url)

  // Each successor's create reaches the server after three seconds; the lock comes first.
  proxy.addRule({ method: 'POST', path: KEYS_PATH, fault: { kind: 'delay', ms: 3_000 } })
  for (const name of names) await page.getByRole('checkbox', { name: `Select ${name}` }).check()
  await page.getByRole('region', { name: '3 keys selected' }).getByRole('button', { name: 'Rotate 3 of 3' }).click()
  await page
    .getByRole('alertdialog', { name: 'Rotate 3 API keys' })
    .getByRole('button', { name: 'Rotate 3 keys' })
    .click()
  clock.advance(5 * MINUTE)
  await expect(page.getByRole('heading', { name: 'Keywarden is locked' })).toBeVisible()

  // Behind the lock the server answers all three creates; none of the new values reaches the page.
  await expect.poll(() => createdValues().length, { timeout: 20_000 }).toBe(3)
  await page.waitForTimeout(500)
  const issued = createdValues()
  const shown = await rendererText(page)
  for (const value of issued) expect(shown).not.toContain(value)

  await unlock(page)
  await expect(page.getByText('Finished. 3 rotated, 0 failed, 0 skipped, 0 remaining.')).toBeVisible()
  // Each new value is shown once, one after the other: exactly the three the server issued.
  await page.getByRole('button', { name: 'Show the 3 new keys one by one' }).click()
  const seen: string[] = []
  for (let i = 0; i < 3; i++) {
    const dialog = page.getByRole('dialog', { name: 'Your new API key' })
    await expect(dialog).toBeVisible()
    const value = await secretIn(dialog.getByLabel('API key', { exact: true }))
    expect(seen).not.toContain(value)
    seen.push(value)
    await dialog.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('button', { name: 'Close anyway' }).click()
  }
  expect(seen.sort()).toEqual([...issued].sort())
  await expect(page.getByRole('dialog', { name: 'Your new API key' })).toHaveCount(0)
})
