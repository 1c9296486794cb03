/**
 * Crashes of the host process at chosen points of an operation: the fault proxy lets the request
 * reach the sandbox, and the host is SIGKILLed the moment the server has answered, before the answer
 * reaches it (the proxy then drops it). The host starts again on the same data folder and keychain,
 * and the invariants are checked against the sandbox's own store.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Recovery } from '@shared/contracts/journal'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { startProxiedHost, type ProxiedHost } from '../chaos/proxied-host'
import { eventually, gatewayKeys, gatewayKeysNamed, isValueOf, localAudit, serverAudit } from '../chaos/server-view'
import type { Fault } from '../support/fault-proxy'
import { HostCallError, HostGoneError } from '../support/host-contract-client'

// Each test starts the host process two or three times (a few seconds each on a busy machine).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 })

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

const KEYS_PATH = '/gateway/v1/apikeys'
const draft = (name: string) => ({ name, permissions: { sale: 'view' as const }, expiresAt: null, notes: null })

/** The next create request gets `fault`, and the host is SIGKILLed as soon as the proxy has dealt with it. */
function crashOnNextCreate(h: ProxiedHost, fault: Fault): Promise<void> {
  h.proxy.addRule({ method: 'POST', path: KEYS_PATH, nth: 1, fault })
  return new Promise((resolve) => {
    const stop = h.proxy.onExchange((exchange) => {
      if (exchange.method !== 'POST' || exchange.path !== KEYS_PATH) return
      stop()
      // Synchronously, before the proxy drops the client's connection.
      void h.crash().then(resolve)
    })
  })
}

function recordedCreate(h: ProxiedHost): { id: string; key: string } {
  const dropped = h.proxy.exchanges.filter((e) => e.outcome === 'drop-response' && e.path === KEYS_PATH)
  expect(dropped).toHaveLength(1)
  return JSON.parse(dropped[0]!.responseBody!) as { id: string; key: string }
}

const secrets = (recoveries: Recovery[]) => recoveries.filter((r) => r.kind === 'secret')

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
    const lists = harness.proxy.exchanges.filter((e) => e.method === 'GET' && e.path === KEYS_PATH)
    expect(lists.length).toBeGreaterThanOrEqual(2)
    expect(lists.every((e) => e.reachedServer && e.status === 200)).toBe(true)
  })
})

describe('a crash in the middle of a create', () => {
  it('after the server created the key: the restart shows the same secret once, and the server holds one key', async () => {
    harness = await startProxiedHost(sandbox, { recordBodies: true })
    const name = `crash-create-${randomUUID().slice(0, 8)}`
    const crashed = crashOnNextCreate(harness, { kind: 'drop-response' })
    await expect(harness.client.call('createKey', { draft: draft(name) })).rejects.toBeInstanceOf(HostGoneError)
    await crashed
    const sent = recordedCreate(harness)
    expect(await gatewayKeysNamed(sandbox, name)).toHaveLength(1)

    await harness.restart()
    const [found, ...others] = secrets(await harness.client.call('listRecoveries'))
    expect(others).toHaveLength(0)
    expect(found).toMatchObject({ operation: 'create', keyName: name, keyId: sent.id })
    const shown = await harness.client.call('recoveredSecret', { recoveryId: found!.id })
    expect(shown.value).toBe(sent.key)
    expect(shown.key.id).toBe(sent.id)
    await harness.client.call('acknowledgeRecovery', { recoveryId: found!.id })
    await expect(harness.client.call('recoveredSecret', { recoveryId: found!.id })).rejects.toBeInstanceOf(
      HostCallError,
    )

    // Shown once: another restart finds nothing to show again.
    await harness.crash()
    await harness.restart()
    expect(secrets(await harness.client.call('listRecoveries'))).toHaveLength(0)
    const [stored, ...second] = await gatewayKeysNamed(sandbox, name)
    expect(second).toHaveLength(0)
    expect(isValueOf(stored!, sent.key)).toBe(true)
    expect(localAudit(harness.dataDir).filter((e) => e.action === 'created' && e.keyId === sent.id)).toHaveLength(1)
  })

  it('before the request reached the server: the restart sends it with the same idempotency key, one key', async () => {
    harness = await startProxiedHost(sandbox, { recordBodies: true })
    const name = `crash-unsent-${randomUUID().slice(0, 8)}`
    const crashed = crashOnNextCreate(harness, { kind: 'drop-request' })
    await expect(harness.client.call('createKey', { draft: draft(name) })).rejects.toBeInstanceOf(HostGoneError)
    await crashed
    expect(await gatewayKeysNamed(sandbox, name)).toHaveLength(0)
    await harness.restart()
    const [found, ...others] = secrets(await harness.client.call('listRecoveries'))
    expect(others).toHaveLength(0)
    expect(found).toMatchObject({ operation: 'create', keyName: name })
    const shown = await harness.client.call('recoveredSecret', { recoveryId: found!.id })
    const [stored, ...second] = await gatewayKeysNamed(sandbox, name)
    expect(second).toHaveLength(0)
    expect(isValueOf(stored!, shown.value)).toBe(true)
    const creates = harness.proxy.exchanges.filter((e) => e.method === 'POST' && e.path === KEYS_PATH)
    expect(creates.map((e) => [e.outcome, e.reachedServer])).toEqual([
      ['drop-request', false],
      ['forwarded', true],
    ])
  })
})

describe('a crash in the middle of a rotation', () => {
  it('after the successor was created: the restart shows its secret once and finishes the rotation', async () => {
    harness = await startProxiedHost(sandbox, { recordBodies: true })
    const name = `crash-rotate-${randomUUID().slice(0, 8)}`
    const old = await harness.client.call('createKey', { draft: draft(name) })
    await harness.client.call('secretShown', { keyId: old.key.id })

    const crashed = crashOnNextCreate(harness, { kind: 'drop-response' })
    await expect(harness.client.call('rotateKey', { keyId: old.key.id, grace: 'now' })).rejects.toBeInstanceOf(
      HostGoneError,
    )
    await crashed
    const sent = recordedCreate(harness)
    await harness.restart()

    const [found, ...others] = secrets(await harness.client.call('listRecoveries'))
    expect(others).toHaveLength(0)
    expect(found).toMatchObject({ operation: 'rotate', keyId: sent.id, replaced: { name } })
    const shown = await harness.client.call('recoveredSecret', { recoveryId: found!.id })
    expect(shown.value).toBe(sent.key)
    await harness.client.call('acknowledgeRecovery', { recoveryId: found!.id })

    // The rotation finished: the old key is revoked (grace "now"), exactly one successor exists.
    const keys = await eventually(
      () => gatewayKeys(sandbox),
      (all) => !all.some((k) => k.id === old.key.id),
    )
    expect(keys.some((k) => k.id === old.key.id)).toBe(false)
    const successors = keys.filter((k) => k.name.startsWith(`${name}-rotated-`))
    expect(successors.map((k) => k.id)).toEqual([sent.id])
    await harness.crash()
    await harness.restart()
    expect(secrets(await harness.client.call('listRecoveries'))).toHaveLength(0)
  })

  it('with a grace period: after the restart the old key waits for its revocation, listed as pending', async () => {
    harness = await startProxiedHost(sandbox, { recordBodies: true })
    const name = `crash-grace-${randomUUID().slice(0, 8)}`
    const old = await harness.client.call('createKey', { draft: draft(name) })
    await harness.client.call('secretShown', { keyId: old.key.id })
    const crashed = crashOnNextCreate(harness, { kind: 'drop-response' })
    await expect(harness.client.call('rotateKey', { keyId: old.key.id, grace: '1h' })).rejects.toBeInstanceOf(
      HostGoneError,
    )
    await crashed
    const sent = recordedCreate(harness)
    await harness.restart()
    const pending = await harness.client.call('listPendingRevocations')
    expect(pending.filter((p) => p.keyId === old.key.id)).toHaveLength(1)
    expect(await gatewayKeysNamed(sandbox, name)).toHaveLength(1)
    expect((await gatewayKeys(sandbox)).filter((k) => k.name.startsWith(`${name}-rotated-`)).map((k) => k.id)).toEqual([
      sent.id,
    ])
  })
})

describe('a crash in the middle of a bulk revoke', () => {
  it('SIGKILL during a bulk revoke of N keys through the proxy, restart: the run resumes and finishes, every key revoked exactly once', async () => {
    harness = await startProxiedHost(sandbox)
    const prefix = `crash-bulk-${randomUUID().slice(0, 8)}-`
    const ids: string[] = []
    for (let n = 1; n <= 8; n++) {
      const created = await harness.client.call('createKey', { draft: draft(`${prefix}${n}`) })
      await harness.client.call('secretShown', { keyId: created.key.id })
      ids.push(created.key.id)
    }
    // The third DELETE reaches the server, its answer is dropped, and the host dies right then:
    // DELETEs sent alongside it may have been answered to a dead host; the keys after them were never sent.
    const DELETE_PATH = new RegExp(`^${KEYS_PATH}/`)
    harness.proxy.addRule({ method: 'DELETE', path: DELETE_PATH, nth: 3, fault: { kind: 'drop-response' } })
    const h = harness
    const crashed = new Promise<void>((resolve) => {
      const stop = h.proxy.onExchange((exchange) => {
        if (exchange.method !== 'DELETE' || exchange.outcome !== 'drop-response') return
        stop()
        void h.crash().then(resolve)
      })
    })
    const started = await harness.client.call('startBulkRun', { action: 'revoke', keyIds: ids })
    expect(started.keys.map((k) => k.state).every((s) => s === 'pending' || s === 'sending')).toBe(true)
    await crashed
    const before = await gatewayKeys(sandbox)
    const leftAtCrash = ids.filter((id) => before.some((k) => k.id === id))
    expect(leftAtCrash.length).toBeGreaterThan(0) // The kill came in the middle of the run.
    expect(leftAtCrash.length).toBeLessThan(ids.length)

    await harness.restart()
    const client = harness.client
    const [run] = await eventually(
      () => client.call('listBulkRuns'),
      (runs) => runs[0]?.status === 'finished',
    )
    expect(run!.keys.map((k) => [k.keyId, k.state, k.reason])).toEqual(ids.map((id) => [id, 'done', null]))
    expect(run).toMatchObject({ id: started.id, status: 'finished', counts: { done: 8, failed: 0, skipped: 0 } })
    const after = await gatewayKeys(sandbox)
    expect(after.filter((k) => ids.includes(k.id))).toEqual([])

    const serverDeleted = (await serverAudit(sandbox)).filter((e) => e.action === 'deleted')
    const localRevoked = localAudit(harness.dataDir).filter((e) => e.action === 'revoked')
    for (const id of ids) {
      expect(serverDeleted.filter((e) => e.keyId === id)).toHaveLength(1)
      expect(
        localRevoked.filter((e) => e.keyId === id),
        `local "revoked" entries of ${id}`,
      ).toHaveLength(1)
      const deletes = harness.proxy.exchanges.filter((e) => e.method === 'DELETE' && e.path.endsWith(`/${id}`))
      // Revoked once on the server; a DELETE sent again only where the first one's answer was lost.
      expect(deletes.length).toBeLessThanOrEqual(1 + deletes.filter((e) => e.outcome === 'drop-response').length)
    }

    // Finished for good: another restart does not send anything again.
    const sentBefore = harness.proxy.exchanges.filter((e) => e.method === 'DELETE').length
    await harness.crash()
    await harness.restart()
    expect((await harness.client.call('listBulkRuns'))[0]).toMatchObject({ id: started.id, status: 'finished' })
    expect(harness.proxy.exchanges.filter((e) => e.method === 'DELETE')).toHaveLength(sentBefore)
  })
})
