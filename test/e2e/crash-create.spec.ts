/**
 * Issue 10's acceptance test: the host (a child process) is killed after the server created a key
 * and before the dialog showed it. After the restart the same secret is shown once (the very value
 * the proxy saw in the server's answer), and the server holds exactly one such key.
 */
import { resolve } from 'node:path'
import { randomUUID } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './fixtures'
import { secretIn } from './key-actions'
import { startProxiedHost, type ProxiedHost } from '../chaos/proxied-host'
import { gatewayKeysNamed, isValueOf } from '../chaos/server-view'

const KEYS_PATH = '/gateway/v1/apikeys'
let harness: ProxiedHost | undefined

test.afterEach(async () => {
  await harness?.dispose()
  harness = undefined
})

test('killed after the server created a key: after the restart the same secret is shown once', async ({
  page,
  sandbox,
}) => {
  test.setTimeout(120_000)
  harness = await startProxiedHost(sandbox, { recordBodies: true, rendererDir: resolve('out/renderer') })
  const h = harness
  await page.goto(await h.host.newLink())
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()

  // The server's answer to the create is held back, and the host is killed the moment it exists.
  h.proxy.addRule({ method: 'POST', path: KEYS_PATH, nth: 1, fault: { kind: 'drop-response' } })
  const killed = new Promise<void>((done) => {
    const stop = h.proxy.onExchange((exchange) => {
      if (exchange.method !== 'POST' || exchange.path !== KEYS_PATH) return
      stop()
      void h.crash().then(done)
    })
  })
  const name = `crash-e2e-${randomUUID().slice(0, 8)}`
  await page.getByRole('button', { name: 'Add API key' }).click()
  const form = page.getByRole('dialog', { name: 'Add API key' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  await form.getByRole('checkbox', { name: 'View Sales' }).check()
  await form.getByRole('button', { name: 'Save' }).click()
  await killed
  await expect(page.getByRole('dialog', { name: 'Your new API key' })).toHaveCount(0)
  const answered = JSON.parse(h.proxy.exchanges.find((e) => e.outcome === 'drop-response')!.responseBody!) as {
    id: string
    key: string
  }
  expect(await gatewayKeysNamed(sandbox, name)).toHaveLength(1)

  await h.restart()
  await page.goto(await h.host.newLink())
  const dialog = page.getByRole('dialog', { name: 'Your new API key' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('recovery-line')).toContainText(name)
  expect(await secretIn(dialog.getByLabel('API key', { exact: true }))).toBe(answered.key)
  const axe = await new AxeBuilder({ page }).include('dialog[open]').analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])

  // Shown once: after another restart nothing is shown again.
  await h.crash()
  await h.restart()
  await page.goto(await h.host.newLink())
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
  await expect(page.getByRole('dialog', { name: 'Your new API key' })).toHaveCount(0)
  expect(await h.client.call('listRecoveries')).toEqual([])
  const [stored, ...more] = await gatewayKeysNamed(sandbox, name)
  expect(more).toHaveLength(0)
  expect(stored!.id).toBe(answered.id)
  expect(isValueOf(stored!, answered.key)).toBe(true)
})
