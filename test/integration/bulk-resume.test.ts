import { readFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { BulkRunStore, type StoredBulkKey, type StoredBulkRun } from '@core/bulk/bulk-run-store'
import { systemClock } from '@core/clock'
import { silentLogger } from '@core/log'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { disposeBulkApps, startBulkApp, type BulkApp } from '../support/bulk-app'
import { gatewayAsAdmin, type GatewayAdmin } from '../support/bulk-sandbox-keys'
import { testKeychain } from '../support/signed-in-session'

// Keywarden died halfway through a bulk run: the run's file says where it was. A second AppCore on
// the same data folder and keychain (a restart) carries it on without acting twice on any key.

let sandbox: Sandbox
let gateway: GatewayAdmin
const keychain = testKeychain()

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  gateway = await gatewayAsAdmin(sandbox.url)
})
afterAll(async () => {
  await disposeBulkApps()
  await sandbox?.close()
})
afterEach(() => keychain.clear())

const key = (keyId: string, state: StoredBulkKey['state'], idempotencyKey: string | null = null): StoredBulkKey => ({
  keyId,
  keyName: `name-of-${keyId}`,
  state,
  reason: null,
  successorId: null,
  idempotencyKey,
})

/** What the first app left on disk when it died: written as it writes it. */
async function crashedRun(
  first: BulkApp,
  run: Omit<StoredBulkRun, 'id' | 'profileId' | 'profileName' | 'createdAt' | 'accountId'>,
) {
  const { profileId } = await first.handlers.listKeys(undefined)
  const stored: StoredBulkRun = {
    id: randomUUID(),
    profileId,
    profileName: 'Local sandbox · gateway',
    accountId: null,
    createdAt: new Date().toISOString(),
    ...run,
  }
  new BulkRunStore(join(first.dataDir, 'bulk-runs.json'), systemClock, silentLogger).add(stored)
  return stored
}

it('a revoke run resumes at start: a key whose DELETE had gone out is not sent again; the rest are revoked', async () => {
  const first = startBulkApp(sandbox.url, keychain)
  await first.signIn()
  const [sent, done, pending1, pending2] = await gateway.create(['r-sent', 'r-done', 'r-pending-1', 'r-pending-2'])
  // The server handled these two before the crash; the app recorded only the second as done.
  expect(await gateway.remove(sent!)).toBe(204)
  expect(await gateway.remove(done!)).toBe(204)
  const run = await crashedRun(first, {
    action: 'revoke',
    grace: null,
    status: 'running',
    keys: [key(sent!, 'sending'), key(done!, 'done'), key(pending1!, 'pending'), key(pending2!, 'pending')],
  })

  const second = startBulkApp(sandbox.url, keychain, first.dataDir)
  await second.core.ready
  const resumed = await second.runEnded(run.id)
  expect(resumed.status).toBe('finished')
  // "done", not "skipped: no longer exists": it was checked on the server, not sent a second time.
  expect(resumed.keys.map((k) => [k.keyId, k.state])).toEqual([
    [sent, 'done'],
    [done, 'done'],
    [pending1, 'done'],
    [pending2, 'done'],
  ])
  for (const id of [pending1!, pending2!]) expect(await gateway.status(id)).toBe(404)
  const revokedHere = (await second.handlers.listAuditLog(undefined)).filter((e) => e.action === 'revoked')
  // The key whose DELETE went out before the crash is logged once, on the restart's confirmation; "done" is not logged again.
  expect(revokedHere.map((e) => e.keyId).sort()).toEqual([sent, pending1, pending2].sort())
  expect(revokedHere.find((e) => e.keyId === sent)?.detail).toBe('bulk revoke (confirmed after a restart)')
})

it('a rotation that was sent when the app died is replayed with its idempotency key: one successor, its secret shown', async () => {
  const first = startBulkApp(sandbox.url, keychain)
  await first.signIn()
  const [old] = await gateway.create([`rot-${randomUUID().slice(0, 6)}`])
  // The first app's request reached the server and created the successor; its answer was lost with the app.
  // The core chose the idempotency key and journaled it before the request left: the bulk run had the same one.
  const before = await first.handlers.rotateKey({ keyId: old!, grace: '24h' })
  const journal = JSON.parse(readFileSync(join(first.dataDir, 'operation-journal.json'), 'utf8')) as {
    data: { entries: Array<{ kind: string; keyId: string | null; idempotencyKey: string | null }> }
  }
  const idempotencyKey = journal.data.entries.find((e) => e.kind === 'rotate' && e.keyId === old)!.idempotencyKey!
  await first.handlers.secretShown({ keyId: before.successor.key.id })
  const run = await crashedRun(first, {
    action: 'rotate',
    grace: '24h',
    status: 'running',
    keys: [key(old!, 'sending', idempotencyKey)],
  })

  const second = startBulkApp(sandbox.url, keychain, first.dataDir)
  await second.core.ready
  const resumed = await second.runEnded(run.id)
  expect(resumed.keys[0]).toMatchObject({ state: 'done', successorId: before.successor.key.id })
  const secret = await second.handlers.takeBulkSecret({ runId: run.id })
  expect(secret).toMatchObject({ key: { id: before.successor.key.id }, value: before.successor.value, remaining: 0 })
  const successors = (await gateway.names()).filter((name) => name === before.successor.key.name)
  expect(successors).toHaveLength(1)
})

it('a run that stopped because its profile signed out goes on after the next sign-in', async () => {
  const first = startBulkApp(sandbox.url, keychain)
  await first.signIn()
  const ids = await gateway.create(['w-1', 'w-2'])
  const run = await crashedRun(first, {
    action: 'disable',
    grace: null,
    status: 'waiting',
    keys: [key(ids[0]!, 'pending'), key(ids[1]!, 'pending')],
  })
  await first.handlers.signOut(undefined)
  const second = startBulkApp(sandbox.url, keychain, first.dataDir)
  await second.core.ready
  expect((await second.handlers.getSession(undefined)).status).not.toBe('signed-in')
  await second.signIn()
  const resumed = await second.runEnded(run.id)
  expect(resumed.counts).toMatchObject({ done: 2, remaining: 0 })
  for (const id of ids) expect((await gateway.get(id)).status).toBe('Disabled')
})
