import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { disposeBulkApps, startBulkApp } from '../support/bulk-app'
import { gatewayAsAdmin, type GatewayAdmin } from '../support/bulk-sandbox-keys'
import { testKeychain } from '../support/signed-in-session'

// Bulk runs through the contract's real handlers, on the sandbox over HTTP, the real keychain and
// a real data folder: what each key ends as, what the server then holds, what reaches the disk.

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

const names = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${randomUUID().slice(0, 6)}-${i}`)

describe('bulk revoke', () => {
  it('revokes every selected key once, the API then refuses them, and the disk holds no secret', async () => {
    const app = startBulkApp(sandbox.url, keychain)
    await app.signIn()
    const ids = await gateway.create(names('bulk-revoke', 6))
    const started = await app.handlers.startBulkRun({ action: 'revoke', keyIds: ids })
    expect(started.counts.remaining + started.counts.done).toBe(6)
    const run = await app.runEnded(started.id)
    expect(run).toMatchObject({ status: 'finished', counts: { done: 6, failed: 0, skipped: 0, remaining: 0 } })
    for (const id of ids) expect(await gateway.status(id)).toBe(404)
    const last = app.progress.at(-1)!
    expect(last).toMatchObject({ runId: run.id, status: 'finished', done: 6, remaining: 0 })
    const audit = await app.handlers.listAuditLog(undefined)
    expect(audit.filter((e) => e.action === 'revoked' && ids.includes(e.keyId))).toHaveLength(6)
    expect(readFileSync(join(app.dataDir, 'bulk-runs.json'), 'utf8')).toContain(run.id)
  })

  it('reports keys revoked meanwhile, or not in this account, as skipped with why', async () => {
    const app = startBulkApp(sandbox.url, keychain)
    await app.signIn()
    const [kept, gone] = await gateway.create(names('bulk-gone', 2))
    const goneMeanwhile = (await gateway.create(names('bulk-meanwhile', 1)))[0]!
    // Listed when the user ticked it, revoked by someone else before the run.
    expect(await gateway.remove(goneMeanwhile)).toBe(204)
    expect(await gateway.remove(gone!)).toBe(204)
    const started = await app.handlers.startBulkRun({
      action: 'revoke',
      keyIds: [kept!, gone!, goneMeanwhile, 'no-such-key'],
    })
    const run = await app.runEnded(started.id)
    expect(run.counts).toEqual({ done: 1, failed: 0, skipped: 3, remaining: 0 })
    for (const key of run.keys.filter((k) => k.state === 'skipped'))
      expect(key.reason).toBe('it is no longer among the keys of this account')
  })
})

describe('which keys an action applies to', () => {
  it('disables only active keys and enables only disabled ones; the rest are skipped with why', async () => {
    const app = startBulkApp(sandbox.url, keychain)
    await app.signIn()
    const ids = await gateway.create(names('bulk-toggle', 3))
    const disabled = await app.runEnded(
      (await app.handlers.startBulkRun({ action: 'disable', keyIds: ids.slice(0, 2) })).id,
    )
    expect(disabled.counts).toMatchObject({ done: 2, failed: 0 })
    expect((await gateway.get(ids[0]!)).status).toBe('Disabled')
    expect((await gateway.get(ids[2]!)).status).toBe('Active')

    const enabled = await app.runEnded((await app.handlers.startBulkRun({ action: 'enable', keyIds: ids })).id)
    expect(enabled.counts).toMatchObject({ done: 2, skipped: 1 })
    expect(enabled.keys.find((k) => k.keyId === ids[2])).toMatchObject({
      state: 'skipped',
      reason: 'it is not disabled',
    })
    for (const id of ids) expect((await gateway.get(id)).status).toBe('Active')
  })

  it('refuses a run none of whose keys it can act on, naming why (wallet keys cannot be disabled)', async () => {
    const app = startBulkApp(sandbox.url, keychain)
    await app.signIn('wallet')
    const { keys } = await app.handlers.listKeys(undefined)
    expect(keys.length).toBeGreaterThan(0)
    await expect(app.handlers.startBulkRun({ action: 'disable', keyIds: [keys[0]!.id] })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('this API cannot disable and enable keys'),
    })
    expect(await app.handlers.listBulkRuns(undefined)).toEqual([])
  })

  it('refuses bad input with a clear message', async () => {
    const app = startBulkApp(sandbox.url, keychain)
    await app.signIn()
    const { dispatchCall } = await import('@core/ipc/dispatch')
    const { silentLogger } = await import('@core/log')
    const twice = await dispatchCall(
      app.handlers,
      'startBulkRun',
      { action: 'revoke', keyIds: ['a', 'a'] },
      silentLogger,
    )
    expect(twice).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { keyIds: 'A key is listed twice.' } },
    })
    const noGrace = await dispatchCall(app.handlers, 'startBulkRun', { action: 'rotate', keyIds: ['a'] }, silentLogger)
    expect(noGrace).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const none = await dispatchCall(app.handlers, 'startBulkRun', { action: 'revoke', keyIds: [] }, silentLogger)
    expect(none).toMatchObject({ ok: false, error: { fields: { keyIds: 'Select at least one key.' } } })
  })
})

describe('cancel', () => {
  it('lets what was sent finish and starts nothing new: cancelled keys are still on the server', async () => {
    const app = startBulkApp(sandbox.url, keychain)
    await app.signIn()
    const ids = await gateway.create(names('bulk-cancel', 24))
    const started = await app.handlers.startBulkRun({ action: 'revoke', keyIds: ids })
    await app.handlers.cancelBulkRun({ runId: started.id })
    const run = await app.runEnded(started.id)
    expect(run.status).toBe('cancelled')
    const cancelled = run.keys.filter((k) => k.reason === 'cancelled before it was sent')
    expect(cancelled.length).toBeGreaterThan(0)
    expect(run.counts.done + cancelled.length).toBe(24)
    for (const key of run.keys) expect(await gateway.status(key.keyId)).toBe(key.state === 'done' ? 404 : 200)
    // The cancelled keys can be revoked later; a finished run cannot be cancelled into anything else.
    expect((await app.handlers.cancelBulkRun({ runId: run.id })).status).toBe('cancelled')
  })
})

describe('bulk rotation', () => {
  it('rotates each key once, hands each new secret over once, and keeps the rest in the keychain at once', async () => {
    const app = startBulkApp(sandbox.url, keychain)
    await app.signIn()
    const ids = await gateway.create(names('bulk-rotate', 3))
    const started = await app.handlers.startBulkRun({ action: 'rotate', keyIds: ids, grace: 'now' })
    const run = await app.runEnded(started.id)
    expect(run.counts).toMatchObject({ done: 3, failed: 0 })
    expect(run.heldSecrets).toBe(3)
    for (const id of ids) expect(await gateway.status(id)).toBe(404)

    const first = await app.handlers.takeBulkSecret({ runId: run.id })
    expect(first).toMatchObject({ value: expect.stringMatching(/^apk_/), remaining: 2 })
    expect(run.keys.map((k) => k.successorId)).toContain(first!.key.id)
    const file = readFileSync(join(app.dataDir, 'bulk-runs.json'), 'utf8')
    expect(file).not.toContain(first!.value)

    const kept = await app.handlers.keepBulkSecrets({ runId: run.id })
    expect(kept).toEqual({ kept: 2, failed: [] })
    expect(await app.handlers.takeBulkSecret({ runId: run.id })).toBeNull()
    const copies = (await app.handlers.listKeys(undefined)).localCopyKeyIds
    const others = run.keys.map((k) => k.successorId!).filter((id) => id !== first!.key.id)
    for (const id of others) expect(copies).toContain(id)
    expect(copies).not.toContain(first!.key.id)
  })

  it('keeps every new secret of a rotation larger than the one-time dialogs main remembers (40 keys)', async () => {
    const app = startBulkApp(sandbox.url, keychain)
    await app.signIn()
    const ids = await gateway.create(names('bulk-keep-all', 40))
    const started = await app.handlers.startBulkRun({ action: 'rotate', keyIds: ids, grace: 'now' })
    const run = await app.runEnded(started.id)
    expect(run.counts).toMatchObject({ done: 40, failed: 0 })
    expect(await app.handlers.keepBulkSecrets({ runId: run.id })).toEqual({ kept: 40, failed: [] })
    const copies = (await app.handlers.listKeys(undefined)).localCopyKeyIds
    for (const key of run.keys) expect(copies).toContain(key.successorId)
  })
})
