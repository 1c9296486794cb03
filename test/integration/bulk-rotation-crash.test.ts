/**
 * A bulk rotation and the kill of the host process (SIGKILL) at chosen points, through the fault
 * proxy: after the restart on the same data folder and keychain the server holds exactly one
 * successor per rotated key, and its secret reaches the user exactly once (shown again through the
 * replay of its create) or is reported as created without its secret seen; never lost in silence.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { BulkRunView } from '@shared/contracts/bulk'
import type { StoredKey } from '@sandbox/keys/key-store'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { startProxiedHost, type ProxiedHost } from '../chaos/proxied-host'
import { eventually, gatewayKeys, isValueOf } from '../chaos/server-view'
import { crashOnExchange, KEYS_PATH, takeEverything, type TakenByUser } from '../support/bulk-crash'
import { gatewayAsAdmin } from '../support/bulk-sandbox-keys'
import type { HostClient } from '../support/host-contract-client'

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

/** Keys made and shown through the host, as a user would have them before the bulk run. */
async function keysToRotate(h: ProxiedHost, count: number): Promise<Array<{ id: string; name: string }>> {
  const prefix = `bulk-crash-${randomUUID().slice(0, 8)}`
  const made: Array<{ id: string; name: string }> = []
  for (let n = 1; n <= count; n++) {
    const draft = { name: `${prefix}-${n}`, permissions: { sale: 'view' as const }, expiresAt: null, notes: null }
    const created = await h.client.call('createKey', { draft })
    await h.client.call('secretShown', { keyId: created.key.id })
    made.push({ id: created.key.id, name: draft.name })
  }
  return made
}

const successorsOf = async (name: string): Promise<StoredKey[]> =>
  (await gatewayKeys(sandbox)).filter((key) => key.name.startsWith(`${name}-rotated-`))

async function ended(client: () => HostClient, runId: string): Promise<BulkRunView> {
  const runs = await eventually(
    () => client().call('listBulkRuns'),
    (all) => ['finished', 'cancelled'].includes(all.find((r) => r.id === runId)?.status ?? ''),
  )
  const run = runs.find((r) => r.id === runId)!
  expect(run.status).toBe('finished')
  return run
}

/** The one successor of `old` on the server, whose secret the user saw exactly once, with its own value. */
async function shownOnce(old: { name: string }, taken: TakenByUser): Promise<StoredKey> {
  const successors = await successorsOf(old.name)
  expect(successors, `successors of ${old.name}`).toHaveLength(1)
  const successor = successors[0]!
  expect(taken.unseen.has(successor.id)).toBe(false)
  const values = taken.shown.get(successor.id) ?? []
  expect(values, `times the secret of ${successor.name} was shown`).toHaveLength(1)
  expect(isValueOf(successor, values[0]!)).toBe(true)
  return successor
}

const oldKeyPath = (id: string) => new RegExp(`^${KEYS_PATH}/${id}$`)

describe('a bulk rotation killed halfway', () => {
  it('right after the old key was revoked (grace "now"): the restart shows the successor once, one successor', async () => {
    harness = await startProxiedHost(sandbox)
    const h = harness
    const [old] = await keysToRotate(h, 1)
    // The revocation reached the server; the host dies before it hears back and before the run notes the key done.
    const crashed = crashOnExchange(h, {
      method: 'DELETE',
      path: oldKeyPath(old!.id),
      fault: { kind: 'drop-response' },
    })
    const started = await h.client.call('startBulkRun', { action: 'rotate', keyIds: [old!.id], grace: 'now' })
    expect((await crashed).reachedServer).toBe(true)

    await h.restart()
    const run = await ended(() => h.client, started.id)
    const taken = await takeEverything(h.client, run.id)
    const successor = await shownOnce(old!, taken)
    expect(run.keys).toEqual([expect.objectContaining({ keyId: old!.id, state: 'done', successorId: successor.id })])
    expect((await gatewayKeys(sandbox)).some((k) => k.id === old!.id)).toBe(false)

    // Over: one more restart shows nothing again and makes nothing.
    await h.crash()
    await h.restart()
    const again = await takeEverything(h.client, run.id)
    expect([...again.shown.keys(), ...again.unseen]).toEqual([])
    expect(await successorsOf(old!.name)).toHaveLength(1)
  })

  it('after the server created the successor and its answer was lost: the replay shows that same secret once', async () => {
    harness = await startProxiedHost(sandbox, { recordBodies: true })
    const h = harness
    const [old] = await keysToRotate(h, 1)
    const crashed = crashOnExchange(h, { method: 'POST', path: KEYS_PATH, fault: { kind: 'drop-response' } })
    const started = await h.client.call('startBulkRun', { action: 'rotate', keyIds: [old!.id], grace: 'now' })
    const lost = JSON.parse((await crashed).responseBody!) as { id: string; key: string }

    await h.restart()
    const run = await ended(() => h.client, started.id)
    const taken = await takeEverything(h.client, run.id)
    const successor = await shownOnce(old!, taken)
    expect(successor.id).toBe(lost.id)
    expect(taken.shown.get(lost.id)).toEqual([lost.key])
    expect(run.keys[0]).toMatchObject({ state: 'done', successorId: lost.id })
    // The rotation finished as chosen: the old key goes now.
    const keys = await eventually(
      () => gatewayKeys(sandbox),
      (all) => !all.some((k) => k.id === old!.id),
    )
    expect(keys.some((k) => k.id === old!.id)).toBe(false)
  })

  it('after the run ended and before the user took its secrets: the restart shows each one once', async () => {
    harness = await startProxiedHost(sandbox)
    const h = harness
    const olds = await keysToRotate(h, 3)
    const started = await h.client.call('startBulkRun', {
      action: 'rotate',
      keyIds: olds.map((k) => k.id),
      grace: '1h',
    })
    const run = await ended(() => h.client, started.id)
    expect(run).toMatchObject({ counts: { done: 3, failed: 0 }, heldSecrets: 3 })
    // The user takes one; the host dies before the other two are taken.
    const first = await h.client.call('takeBulkSecret', { runId: run.id })
    await h.client.call('secretShown', { keyId: first!.key.id })
    await h.crash()

    await h.restart()
    const taken = await takeEverything(h.client, run.id)
    taken.shown.set(first!.key.id, [first!.value, ...(taken.shown.get(first!.key.id) ?? [])])
    for (const old of olds) await shownOnce(old, taken)
    const pending = await h.client.call('listPendingRevocations')
    expect(pending.map((p) => p.keyId).sort()).toEqual(olds.map((k) => k.id).sort())

    await h.crash()
    await h.restart()
    const again = await takeEverything(h.client, run.id)
    expect([...again.shown.keys(), ...again.unseen]).toEqual([])
  })
})

describe('a bulk rotation whose secret cannot be shown again', () => {
  it('is reported as created without its secret seen (the replay is refused), and revoked on request', async () => {
    harness = await startProxiedHost(sandbox, { recordBodies: true })
    const h = harness
    const [old] = await keysToRotate(h, 1)
    const crashed = crashOnExchange(h, { method: 'POST', path: KEYS_PATH, fault: { kind: 'drop-response' } })
    const started = await h.client.call('startBulkRun', { action: 'rotate', keyIds: [old!.id], grace: '1h' })
    const lost = JSON.parse((await crashed).responseBody!) as { id: string; key: string }
    // Someone disabled the new key meanwhile: the server no longer answers the replay with its secret.
    expect(await (await gatewayAsAdmin(sandbox.url)).disable(lost.id)).toBe(200)

    await h.restart()
    const found = (await h.client.call('listRecoveries')).filter((r) => r.kind !== 'notice')
    expect(found).toEqual([expect.objectContaining({ kind: 'unseen', keyId: lost.id })])
    const run = await ended(() => h.client, started.id)
    expect(run.keys[0]).toMatchObject({ state: 'done', successorId: lost.id })
    expect(await h.client.call('takeBulkSecret', { runId: run.id })).toBeNull()
    expect((await successorsOf(old!.name)).map((k) => k.id)).toEqual([lost.id])
    // The rotation still finishes as chosen: the old key waits for its revocation.
    expect((await h.client.call('listPendingRevocations')).map((p) => p.keyId)).toContain(old!.id)

    await h.client.call('revokeUnseenKey', { recoveryId: found[0]!.id })
    expect(await successorsOf(old!.name)).toEqual([])
    await h.crash()
    await h.restart()
    expect((await h.client.call('listRecoveries')).filter((r) => r.kind !== 'notice')).toEqual([])
  })
})

describe('a bulk rotation whose create answer was lost, without a kill', () => {
  it('fails the key; Retry sends the same idempotency key and draft: the same successor, shown once', async () => {
    harness = await startProxiedHost(sandbox, { recordBodies: true })
    const h = harness
    const [old] = await keysToRotate(h, 1)
    // Every answer to the create is lost (the request layer's own retries too): the server made it once.
    h.proxy.addRule({ method: 'POST', path: KEYS_PATH, fault: { kind: 'drop-response' } })
    const started = await h.client.call('startBulkRun', { action: 'rotate', keyIds: [old!.id], grace: 'now' })
    const failed = await ended(() => h.client, started.id)
    h.proxy.clearRules()
    expect(failed.keys[0]).toMatchObject({ state: 'failed', reason: expect.stringMatching(/\S/) })
    const lost = JSON.parse(h.proxy.exchanges.find((e) => e.outcome === 'drop-response')!.responseBody!) as {
      id: string
      key: string
    }

    await h.client.call('retryBulkRun', { runId: started.id })
    const run = await ended(() => h.client, started.id)
    expect(run.keys[0]).toMatchObject({ state: 'done', successorId: lost.id })
    const taken = await takeEverything(h.client, run.id)
    expect(taken.shown.get(lost.id)).toEqual([lost.key])
    await shownOnce(old!, taken)
  })

  it('and never retried: the next start shows the successor it may have made once, and the run says done', async () => {
    harness = await startProxiedHost(sandbox, { recordBodies: true })
    const h = harness
    const [old] = await keysToRotate(h, 1)
    h.proxy.addRule({ method: 'POST', path: KEYS_PATH, fault: { kind: 'drop-response' } })
    const started = await h.client.call('startBulkRun', { action: 'rotate', keyIds: [old!.id], grace: '1h' })
    expect((await ended(() => h.client, started.id)).counts).toMatchObject({ failed: 1 })
    h.proxy.clearRules()
    const lost = JSON.parse(h.proxy.exchanges.find((e) => e.outcome === 'drop-response')!.responseBody!) as {
      id: string
      key: string
    }
    await h.crash()

    await h.restart()
    const taken = await takeEverything(h.client, started.id)
    expect(taken.shown.get(lost.id)).toEqual([lost.key])
    await shownOnce(old!, taken)
    const run = await ended(() => h.client, started.id)
    expect(run.keys[0]).toMatchObject({ state: 'done', successorId: lost.id })
  })
})
