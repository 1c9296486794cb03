/**
 * Crashes of the host process at chosen points of an operation: the fault proxy drops the server's
 * answer (the server did the work) and the host is SIGKILLed before anything reached the user;
 * then it starts again on the same data folder and keychain, and the invariants are checked against
 * the sandbox's own store.
 */
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { startProxiedHost, type ProxiedHost } from '../chaos/proxied-host'

let sandbox: Sandbox
let harness: ProxiedHost | undefined

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(() => sandbox.close())
afterEach(async () => {
  await harness?.dispose()
  harness = undefined
})

describe('the host as a child process', () => {
  it('is SIGKILLed and starts again on the same folder and keychain, still signed in, API through the proxy', async () => {
    harness = await startProxiedHost(sandbox)
    const before = await harness.client.call('listKeys')
    const pid = harness.host.pid
    await harness.crash()
    expect(() => process.kill(pid, 0)).toThrow()
    await harness.restart()
    expect(harness.host.pid).not.toBe(pid)
    expect(await harness.client.call('getSession')).toMatchObject({ status: 'signed-in' })
    const after = await harness.client.call('listKeys')
    expect(after.keys.map((key) => key.id)).toEqual(before.keys.map((key) => key.id))
    // Both lists went through the proxy, to the sandbox.
    const lists = harness.proxy.exchanges.filter((e) => e.method === 'GET' && e.path === '/gateway/v1/apikeys')
    expect(lists.length).toBeGreaterThanOrEqual(2)
    expect(lists.every((e) => e.reachedServer && e.status === 200)).toBe(true)
  })
})
