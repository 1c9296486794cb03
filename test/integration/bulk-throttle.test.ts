import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { disposeBulkApps, startBulkApp } from '../support/bulk-app'
import { gatewayAsAdmin, type GatewayAdmin } from '../support/bulk-sandbox-keys'
import { throttlingProxy, type ThrottlingProxy } from '../support/bulk-throttling-proxy'
import { testKeychain } from '../support/signed-in-session'

// The API answers 429 + Retry-After (a real proxy on loopback in front of the sandbox): the run
// waits as asked, all its workers with it, and every key is still revoked, none failed.

let sandbox: Sandbox
let proxy: ThrottlingProxy
let gateway: GatewayAdmin
const keychain = testKeychain()

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  gateway = await gatewayAsAdmin(sandbox.url)
  proxy = await throttlingProxy(sandbox.url, 3)
})
afterAll(async () => {
  await disposeBulkApps()
  await proxy?.close()
  await sandbox?.close()
})
afterEach(() => keychain.clear())

it('waits out 429 Retry-After across all its workers and revokes every key', async () => {
  const app = startBulkApp(sandbox.url, keychain)
  await app.handlers.saveProfile({
    name: 'Throttled gateway',
    dialect: 'gateway',
    apiBaseUrl: `${proxy.url}/gateway`,
    auth: { kind: 'oauth', issuer: sandbox.url, clientId: 'keywarden-desktop' },
    defaultAccountId: null,
  })
  await app.signIn('gateway', 'Throttled gateway')
  const ids = await gateway.create(Array.from({ length: 10 }, (_, i) => `throttled-${randomUUID().slice(0, 6)}-${i}`))

  const run = await app.runEnded((await app.handlers.startBulkRun({ action: 'revoke', keyIds: ids })).id)
  expect(run.counts).toEqual({ done: 10, failed: 0, skipped: 0, remaining: 0 })
  expect(proxy.refused).toBeGreaterThanOrEqual(3)
  expect(proxy.tooEarly).toBe(0)
  expect(proxy.passed).toBe(10)
  for (const id of ids) expect(await gateway.status(id)).toBe(404)
})
