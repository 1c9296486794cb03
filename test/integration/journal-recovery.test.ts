import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { calls } from '@shared/contract'
import type { Recovery } from '@shared/contracts/journal'
import { createAppCore, type AppCore } from '@core/app-core'
import { ManualClock } from '@core/clock'
import { JOURNAL_FILE } from '@core/journal/operation-journal'
import { silentLogger } from '@core/log'
import { keytarBackend } from '@core/vault/keytar-backend'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { startDropForwarder, type DropForwarder } from '../support/journal-forwarder'
import { ADMIN, browserPlatform, loginAs, testKeychain } from '../support/signed-in-session'

// Crash recovery through the contract's real handlers, on the real sandbox over HTTP and the real
// keychain. A "crash" is a second AppCore on the same data folder and keychain service while the
// first one's answer never reached the user: a forwarder in front of the API lets the server create
// the key and then cuts the connection.

const HOUR = 60 * 60_000
let sandbox: Sandbox
let forwarder: DropForwarder
const keychain = testKeychain()
const dirs: string[] = []
const cores: AppCore[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  forwarder = await startDropForwarder(sandbox.url)
})
afterAll(async () => {
  for (const core of cores) await core.dispose()
  await forwarder?.close()
  await sandbox?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
afterEach(async () => {
  forwarder.dropCreates = false
  forwarder.dropChanges = false
  forwarder.dropDeletes = false
  await keychain.clear()
})

interface App {
  core: AppCore
  events: Array<{ name: string; payload: unknown }>
}

function startApp(dataDir: string, clock = new ManualClock()): App {
  const events: App['events'] = []
  const core = createAppCore({
    settings: new Conf({ cwd: dataDir, configName: 'settings', projectName: 'keywarden' }),
    keychain: keytarBackend,
    keychainService: keychain.service,
    dataDir,
    platform: browserPlatform(loginAs(ADMIN)),
    emit: (name, payload) => events.push({ name, payload }),
    log: silentLogger,
    sandboxUrl: sandbox.url,
    clock,
  })
  cores.push(core)
  return { core, events }
}

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keywarden-journal-'))
  dirs.push(dir)
  return dir
}

/** Signs the first app in to the gateway profile, whose API goes through the forwarder. */
async function signedInThroughForwarder(app: App, dialect: 'gateway' | 'pulse' = 'gateway'): Promise<string> {
  const { handlers } = app.core
  await app.core.ready
  const profile = (await handlers.listProfiles(undefined)).profiles.find((p) => p.profile.dialect === dialect)!.profile
  await handlers.selectProfile({ profileId: profile.id })
  const base = profile.apiBaseUrl.replace(sandbox.url, forwarder.url)
  await handlers.saveProfile({
    id: profile.id,
    name: profile.name,
    dialect,
    apiBaseUrl: base,
    auth: profile.auth,
    defaultAccountId: profile.defaultAccountId,
  })
  if ((await handlers.getSession(undefined)).status !== 'signed-in') await handlers.signIn(undefined)
  return profile.id
}

/** The restarted app: same folder, same keychain; the sandbox profile points at the sandbox again. */
async function restarted(dataDir: string, clock?: ManualClock): Promise<App> {
  const app = startApp(dataDir, clock)
  await app.core.ready
  return app
}

const draft = (name: string) => ({
  name,
  permissions: { sale: 'view' as const },
  expiresAt: null,
  notes: 'journal test',
})
const unique = (what: string) => `${what}-${randomUUID().slice(0, 8)}`
const journalText = (dataDir: string) => readFileSync(join(dataDir, JOURNAL_FILE), 'utf8')
const secretsOf = (recoveries: Recovery[]) => recoveries.filter((r) => r.kind === 'secret')

describe('a create whose answer was lost', () => {
  it('is replayed after the restart: the same key, its secret shown once, one key on the server', async () => {
    const dataDir = newDataDir()
    const first = startApp(dataDir)
    await signedInThroughForwarder(first)
    const name = unique('lost-create')
    forwarder.dropCreates = true
    const before = forwarder.creates
    await expect(first.core.handlers.createKey({ draft: draft(name) })).rejects.toMatchObject({ code: 'NETWORK' })
    // The server handled it (the client retried with the same idempotency key: still one key).
    expect(forwarder.creates).toBeGreaterThan(before)
    const entry = JSON.parse(journalText(dataDir)) as { data: { entries: Array<{ keyName: string; step: string }> } }
    expect(entry.data.entries.map((e) => [e.keyName, e.step])).toEqual([[name, 'sending']])

    // Restarted while the answers are still lost: nothing to show yet, and the entry waits.
    const meanwhile = await restarted(dataDir)
    expect(await meanwhile.core.handlers.listRecoveries(undefined)).toEqual([])
    expect(journalText(dataDir)).toContain(name)
    await meanwhile.core.dispose()
    forwarder.dropCreates = false

    const second = await restarted(dataDir)
    const recoveries = secretsOf(await second.core.handlers.listRecoveries(undefined))
    expect(recoveries).toHaveLength(1)
    const recovery = recoveries[0]!
    expect(recovery).toMatchObject({ kind: 'secret', operation: 'create', keyName: name })
    expect(second.events.some((e) => e.name === 'recoveriesChanged')).toBe(true)

    const secret = await second.core.handlers.recoveredSecret({ recoveryId: recovery.id })
    expect(secret.key.name).toBe(name)
    const onServer = (await second.core.handlers.listKeys(undefined)).keys.filter((k) => k.name === name)
    expect(onServer.map((k) => k.id)).toEqual([secret.key.id])
    // It is the key's real value: the API accepts it.
    const tried = await second.core.handlers.tryKey({ keyId: secret.key.id, value: secret.value })
    expect(tried.status).toBe(200)
    // Never on disk.
    expect(journalText(dataDir)).not.toContain(secret.value)
    // A keychain copy of the recovered value is accepted (it is what the server issued).
    await second.core.handlers.reauthenticate({ forceLogin: true })
    await second.core.handlers.keepSecretCopy({ keyId: secret.key.id, value: secret.value, secret: secret.secret })

    await second.core.handlers.acknowledgeRecovery({ recoveryId: recovery.id })
    await expect(second.core.handlers.recoveredSecret({ recoveryId: recovery.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    const third = await restarted(dataDir)
    expect(await third.core.handlers.listRecoveries(undefined)).toEqual([])
    expect((await third.core.handlers.listKeys(undefined)).keys.filter((k) => k.name === name)).toHaveLength(1)
  })

  it('past the replay window, says which key was made without its secret seen and revokes it on request', async () => {
    const dataDir = newDataDir()
    const first = startApp(dataDir)
    await signedInThroughForwarder(first)
    const name = unique('unseen')
    forwarder.dropCreates = true
    await expect(first.core.handlers.createKey({ draft: draft(name) })).rejects.toMatchObject({ code: 'NETWORK' })
    forwarder.dropCreates = false

    const second = await restarted(dataDir, new ManualClock(Date.now() + 25 * HOUR))
    const recoveries = await second.core.handlers.listRecoveries(undefined)
    expect(secretsOf(recoveries)).toEqual([])
    const unseen = recoveries.find((r) => r.kind === 'unseen')
    expect(unseen).toMatchObject({ kind: 'unseen', keyName: name })
    await expect(second.core.handlers.revokeUnseenKey({ recoveryId: unseen!.id })).rejects.toMatchObject({
      code: 'REAUTH_REQUIRED',
    })
    await second.core.handlers.reauthenticate({ forceLogin: true })
    expect(await second.core.handlers.revokeUnseenKey({ recoveryId: unseen!.id })).toEqual([])
    expect((await second.core.handlers.listKeys(undefined)).keys.filter((k) => k.name === name)).toEqual([])
    expect(
      (await second.core.handlers.listAuditLog(undefined)).some((e) => e.action === 'revoked' && e.keyName === name),
    ).toBe(true)
  })
})

describe('a create retried in the same run', () => {
  it("reuses the unfinished operation's idempotency key: the same key comes back, no second one", async () => {
    const dataDir = newDataDir()
    const app = startApp(dataDir)
    await signedInThroughForwarder(app)
    const name = unique('retried')
    forwarder.dropCreates = true
    await expect(app.core.handlers.createKey({ draft: draft(name) })).rejects.toMatchObject({ code: 'NETWORK' })
    forwarder.dropCreates = false
    const retried = await app.core.handlers.createKey({ draft: draft(name) })
    expect((await app.core.handlers.listKeys(undefined)).keys.filter((k) => k.name === name).map((k) => k.id)).toEqual([
      retried.key.id,
    ])
    // A renderer can no longer choose the idempotency key.
    const forged = { draft: draft(unique('forged')), idempotencyKey: randomUUID() }
    expect(calls.createKey.input.safeParse(forged).success).toBe(false)
  })
})

describe('a create whose answer arrived', () => {
  it('keeps no value on disk, and once the dialog showed it, a restart shows nothing again', async () => {
    const dataDir = newDataDir()
    const first = startApp(dataDir)
    await signedInThroughForwarder(first)
    const created = await first.core.handlers.createKey({ draft: draft(unique('delivered')) })
    // Answered but not yet on screen: the entry stays (a crash now recovers it), without the value.
    expect(journalText(dataDir)).toContain(created.key.id)
    expect(journalText(dataDir)).not.toContain(created.value)
    await first.core.handlers.secretShown({ keyId: created.key.id })
    expect(JSON.parse(journalText(dataDir))).toMatchObject({ data: { entries: [] } })
    const second = await restarted(dataDir)
    expect(await second.core.handlers.listRecoveries(undefined)).toEqual([])
  })
})

describe('a rotation whose answer was lost', () => {
  it('finishes after the restart: the successor shown once, the old key revoked as chosen, one successor', async () => {
    const dataDir = newDataDir()
    const first = startApp(dataDir)
    await signedInThroughForwarder(first)
    const old = await first.core.handlers.createKey({ draft: draft(unique('to-rotate')) })
    await first.core.handlers.secretShown({ keyId: old.key.id })
    await first.core.handlers.reauthenticate({ forceLogin: true })
    forwarder.dropCreates = true
    await expect(first.core.handlers.rotateKey({ keyId: old.key.id, grace: '1h' })).rejects.toMatchObject({
      code: 'NETWORK',
    })
    expect(await first.core.handlers.listPendingRevocations(undefined)).toEqual([])
    forwarder.dropCreates = false

    const second = await restarted(dataDir)
    const recoveries = await second.core.handlers.listRecoveries(undefined)
    const recovered = secretsOf(recoveries)
    expect(recovered).toHaveLength(1)
    expect(recovered[0]).toMatchObject({ operation: 'rotate', replaced: { name: old.key.name } })
    expect(recoveries.some((r) => r.kind === 'notice' && r.message.includes('finished rotating'))).toBe(true)
    const pending = await second.core.handlers.listPendingRevocations(undefined)
    expect(pending.map((p) => p.keyId)).toEqual([old.key.id])
    const successor = await second.core.handlers.recoveredSecret({ recoveryId: recovered[0]!.id })
    const keys = (await second.core.handlers.listKeys(undefined)).keys
    expect(keys.filter((k) => k.id !== old.key.id && k.name.startsWith(old.key.name))).toHaveLength(1)
    expect(keys.some((k) => k.id === successor.key.id)).toBe(true)
    await second.core.handlers.acknowledgeRecovery({ recoveryId: recovered[0]!.id })
    const third = await restarted(dataDir)
    expect(secretsOf(await third.core.handlers.listRecoveries(undefined))).toEqual([])
    expect((await third.core.handlers.listPendingRevocations(undefined)).map((p) => p.keyId)).toEqual([old.key.id])
  })
})

describe('a journal that cannot be read', () => {
  it('is moved aside, and the app starts and tells the user', async () => {
    const dataDir = newDataDir()
    writeFileSync(join(dataDir, JOURNAL_FILE), JSON.stringify({ version: 99, data: { entries: [] } }))
    const app = await restarted(dataDir)
    const notices = (await app.core.handlers.listRecoveries(undefined)).filter((r) => r.kind === 'notice')
    expect(notices).toEqual([
      expect.objectContaining({ profileId: null, message: expect.stringMatching(/newer Keywarden.*moved aside/) }),
    ])
    expect(readdirSync(dataDir).some((f) => f.startsWith(`${JOURNAL_FILE}.unreadable-`))).toBe(true)
    await app.core.handlers.acknowledgeRecovery({ recoveryId: notices[0]!.id })
    expect(await app.core.handlers.listRecoveries(undefined)).toEqual([])
  })
})

describe('a list of bulk runs that cannot be read', () => {
  it('is moved aside, and the app starts and tells the user', async () => {
    const dataDir = newDataDir()
    writeFileSync(join(dataDir, 'bulk-runs.json'), '{"version": 1, "data": [{"id": 4')
    const app = await restarted(dataDir)
    const notices = (await app.core.handlers.listRecoveries(undefined)).filter((r) => r.kind === 'notice')
    expect(notices).toEqual([
      expect.objectContaining({ profileId: null, message: expect.stringMatching(/bulk runs.*moved aside/) }),
    ])
    expect(readdirSync(dataDir).some((f) => f.startsWith('bulk-runs.json.unreadable-'))).toBe(true)
    expect(await app.core.handlers.listBulkRuns(undefined)).toEqual([])
  })
})

describe('signing out or removing a profile with unfinished operations', () => {
  it('is refused with what would be lost, until the user gives them up', async () => {
    const dataDir = newDataDir()
    const app = startApp(dataDir)
    const profileId = await signedInThroughForwarder(app)
    const name = unique('unfinished')
    forwarder.dropCreates = true
    await expect(app.core.handlers.createKey({ draft: draft(name) })).rejects.toMatchObject({ code: 'NETWORK' })
    forwarder.dropCreates = false

    const refusal = app.core.handlers.signOut(undefined)
    await expect(refusal).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(refusal).rejects.toThrow(name)
    await expect(app.core.handlers.removeProfile({ profileId })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect((await app.core.handlers.getSession(undefined)).status).toBe('signed-in')
    const unfinished = await app.core.handlers.listUnfinished({ profileId })
    expect(unfinished).toEqual([expect.objectContaining({ kind: 'create', keyName: name })])

    await app.core.handlers.discardUnfinished({ profileId })
    expect((await app.core.handlers.signOut(undefined)).status).toBe('signed-out')
    expect(existsSync(join(dataDir, JOURNAL_FILE))).toBe(true)
    expect(JSON.parse(journalText(dataDir))).toMatchObject({ data: { entries: [] } })
  })
})

describe('a change whose answer was lost, then a newer change', () => {
  it('is superseded: a restart never sends the older state again over the newer one', async () => {
    const dataDir = newDataDir()
    const first = startApp(dataDir)
    await signedInThroughForwarder(first)
    const { handlers } = first.core
    const created = await handlers.createKey({ draft: draft(unique('flip')) })
    await handlers.secretShown({ keyId: created.key.id })

    // The disable reached the server, its answer did not: the journal keeps it, as it may not have.
    forwarder.dropChanges = true
    await expect(handlers.updateKey({ keyId: created.key.id, changes: { enabled: false } })).rejects.toMatchObject({
      code: 'NETWORK',
    })
    forwarder.dropChanges = false
    // The user enables it again, and that answer arrives.
    expect((await handlers.updateKey({ keyId: created.key.id, changes: { enabled: true } })).status).toBe('active')

    // A restart: recovery has nothing older to send; the key stays enabled on the server.
    const second = await restarted(dataDir)
    await second.core.handlers.selectProfile({ profileId: (await handlers.getSession(undefined)).profile.id })
    const keys = await second.core.handlers.listKeys(undefined)
    expect(keys.keys.find((k) => k.id === created.key.id)?.status).toBe('active')
    expect(JSON.parse(journalText(dataDir)).data.entries).toEqual([])
  })
})

describe('a revoke whose answer was lost, tried again', () => {
  it('counts as done when the server no longer has the key, and the audit log says revoked', async () => {
    const dataDir = newDataDir()
    const first = startApp(dataDir)
    await signedInThroughForwarder(first)
    const { handlers } = first.core
    const name = unique('gone')
    const created = await handlers.createKey({ draft: draft(name) })
    await handlers.secretShown({ keyId: created.key.id })

    forwarder.dropDeletes = true
    await expect(handlers.revokeKey({ keyId: created.key.id })).rejects.toMatchObject({ code: 'NETWORK' })
    forwarder.dropDeletes = false
    // The user tries again: the key is already gone on the server; that is the revoke they asked for.
    await handlers.revokeKey({ keyId: created.key.id })

    const audit = readFileSync(join(dataDir, 'audit-log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; keyId: string; keyName: string })
    expect(audit.filter((e) => e.action === 'revoked' && e.keyId === created.key.id)).toEqual([
      expect.objectContaining({ keyName: name }),
    ])
    expect(JSON.parse(journalText(dataDir)).data.entries).toEqual([])
  })
})
