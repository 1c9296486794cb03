import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CallHandlers } from '@core/ipc/dispatch'
import { createAppCore, type AppCore } from '@core/app-core'
import { ManualClock } from '@core/clock'
import { silentLogger } from '@core/log'
import { keytarBackend } from '@core/vault/keytar-backend'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { ADMIN, browserPlatform, loginAs, testKeychain } from '../support/signed-in-session'

// The key lifecycle through the contract's real handlers: the sandbox over HTTP, the real keychain,
// settings and the audit log in a real folder, and a clock the test moves.

const MINUTE = 60_000
let sandbox: Sandbox
const keychain = testKeychain()
const dirs: string[] = []
const cores: AppCore[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  for (const core of cores) await core.dispose()
  await sandbox?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
afterEach(() => keychain.clear())

interface App {
  handlers: CallHandlers
  dataDir: string
  clock: ManualClock
}

function startApp(options: { dataDir?: string; clock?: ManualClock; sandboxUrl?: string } = {}): App {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'keywarden-keys-'))
  if (!options.dataDir) dirs.push(dataDir)
  const clock = options.clock ?? new ManualClock()
  const core = createAppCore({
    settings: new Conf({ cwd: dataDir, configName: 'settings', projectName: 'keywarden' }),
    keychain: keytarBackend,
    keychainService: keychain.service,
    dataDir,
    platform: browserPlatform(loginAs(ADMIN)),
    emit: () => {},
    log: silentLogger,
    sandboxUrl: options.sandboxUrl ?? sandbox.url,
    clock,
  })
  cores.push(core)
  return { handlers: core.handlers, dataDir, clock }
}

async function signedIn(app: App, dialect: 'gateway' | 'wallet' | 'pulse' = 'gateway'): Promise<void> {
  const overview = await app.handlers.listProfiles(undefined)
  const profile = overview.profiles.find((p) => p.profile.dialect === dialect)!.profile
  await app.handlers.selectProfile({ profileId: profile.id })
  const state = await app.handlers.getSession(undefined)
  if (state.status !== 'signed-in') expect((await app.handlers.signIn(undefined)).status).toBe('signed-in')
}

const draft = (
  name: string,
  permissions: Record<string, 'view' | 'change'>,
  extra: { expiresAt?: string | null; notes?: string | null } = {},
) => ({
  name,
  permissions,
  expiresAt: extra.expiresAt ?? null,
  notes: extra.notes ?? null,
})

describe('create, keep a copy, reveal', () => {
  it('shows the value once, keeps an optional keychain copy, and reveals from it', async () => {
    const app = startApp()
    await signedIn(app)
    const created = await app.handlers.createKey({
      draft: draft(`ci-${randomUUID().slice(0, 8)}`, { sale: 'view' }),
    })
    expect(created.value).toMatch(/^apk_/)
    const listed = await app.handlers.listKeys(undefined)
    const key = listed.keys.find((k) => k.id === created.key.id)!
    expect(key.maskedKey).not.toContain(created.value)
    expect(listed.localCopyKeyIds).not.toContain(key.id)

    await app.handlers.keepSecretCopy({ keyId: key.id, value: created.value, secret: null })
    expect((await app.handlers.listKeys(undefined)).localCopyKeyIds).toContain(key.id)
    expect(await keychain.accounts()).toContain(`profile:${listed.profileId}:key:${key.id}`)
    const revealed = await app.handlers.revealKey({ keyId: key.id })
    expect(revealed).toMatchObject({ value: created.value, source: 'keychain', hideAfterSeconds: 30 })

    // A value that is not this key's is refused, so a copy is never mislabelled.
    await expect(
      app.handlers.keepSecretCopy({ keyId: key.id, value: 'apk_somethingelse', secret: null }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
  })

  it('reveals a gateway key from the server when there is no copy; a wallet key cannot be revealed without one', async () => {
    const app = startApp()
    await signedIn(app)
    const created = await app.handlers.createKey({
      draft: draft(`srv-${randomUUID().slice(0, 8)}`, { refund: 'view' }),
    })
    expect(await app.handlers.revealKey({ keyId: created.key.id })).toMatchObject({
      value: created.value,
      source: 'server',
    })

    await signedIn(app, 'wallet')
    const accounts = await app.handlers.listAccounts(undefined)
    expect(accounts.selectedAccountId).not.toBeNull()
    const wallet = await app.handlers.createKey({
      draft: draft(
        `wallet-${randomUUID().slice(0, 8)}`,
        { payments: 'change' },
        { expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      ),
    })
    await expect(app.handlers.revealKey({ keyId: wallet.key.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('keychain holds no copy'),
    })
  })
})

describe('rotate with a grace period, under a controlled clock', () => {
  it('keeps the old key working until the deadline and revokes it after, also across a restart', async () => {
    const clock = new ManualClock()
    const app = startApp({ clock })
    // The clock moves 14 minutes: past the idle lock (its own tests are in lock-service and lock.spec).
    await app.handlers.updateSettings({ clipboardClearSeconds: 30, lockIdleMinutes: 0 })
    await signedIn(app)
    const old = await app.handlers.createKey({
      draft: draft(`rotate-me-${randomUUID().slice(0, 8)}`, { sale: 'change' }),
    })

    const rotation = await app.handlers.rotateKey({ keyId: old.key.id, grace: '15m' })
    expect(rotation.successor.key.name).toMatch(new RegExp(`^${old.key.name}-rotated-\\d{8}$`))
    expect(rotation.successor.key.permissions).toEqual({ sale: 'change' })
    expect(rotation.pending).toMatchObject({
      keyId: old.key.id,
      dueAt: new Date(clock.now() + 15 * MINUTE).toISOString(),
    })
    expect(await app.handlers.listPendingRevocations(undefined)).toHaveLength(1)

    clock.advance(14 * MINUTE)
    expect((await app.handlers.tryKey({ keyId: old.key.id, value: old.value })).status).toBe(200)

    // The app restarts with the revocation still pending; the new instance carries it out when due.
    const restarted = startApp({ dataDir: app.dataDir, clock })
    await signedIn(restarted)
    expect(await restarted.handlers.listPendingRevocations(undefined)).toHaveLength(1)
    clock.advance(2 * MINUTE)
    await expect.poll(async () => (await restarted.handlers.listPendingRevocations(undefined)).length).toBe(0)

    expect(
      (await restarted.handlers.tryKey({ keyId: rotation.successor.key.id, value: rotation.successor.value })).status,
    ).toBe(200)
    const keys = (await restarted.handlers.listKeys(undefined)).keys
    expect(keys.some((k) => k.id === old.key.id)).toBe(false)
    const direct = await fetch(`${sandbox.url}/gateway/v1/sales`, { headers: { 'x-api-key': old.value } })
    expect(direct.status).toBe(401)
    const audit = await restarted.handlers.listAuditLog(undefined)
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['rotated', 'revoked']))
  })

  it('a revocation that fails is kept, reported and retried until it succeeds', async () => {
    // A sandbox with its own data folder can stop and come back on the same port with the same keys.
    const sandboxData = mkdtempSync(join(tmpdir(), 'keywarden-sbx-'))
    dirs.push(sandboxData)
    const own = await startSandbox({ port: 0, dataDir: sandboxData })
    const clock = new ManualClock()
    const app = startApp({ clock, sandboxUrl: own.url })
    await signedIn(app)
    const old = await app.handlers.createKey({
      draft: draft(`flaky-${randomUUID().slice(0, 8)}`, { sale: 'view' }),
    })
    await app.handlers.rotateKey({ keyId: old.key.id, grace: '1h' })

    const port = Number(new URL(own.url).port)
    await own.close()
    clock.advance(61 * MINUTE)
    await expect
      .poll(async () => (await app.handlers.listPendingRevocations(undefined))[0]?.attempts ?? 0, { timeout: 30_000 })
      .toBe(1)
    const [failed] = await app.handlers.listPendingRevocations(undefined)
    expect(failed!.lastError).toMatch(/cannot reach/)
    const audit = await app.handlers.listAuditLog(undefined)
    expect(audit[0]).toMatchObject({ action: 'revocation-failed', keyId: old.key.id })

    const back = await startSandbox({ port, dataDir: sandboxData })
    try {
      clock.advance(2 * MINUTE)
      await expect
        .poll(async () => (await app.handlers.listPendingRevocations(undefined)).length, { timeout: 10_000 })
        .toBe(0)
    } finally {
      await back.close()
    }
  })
})

describe('keepSecretCopy keeps only what the server issued', () => {
  it('refuses a forged gateway value that matches the masked key (attack: plant a value of ones own)', async () => {
    const app = startApp()
    await signedIn(app)
    const created = await app.handlers.createKey({
      draft: draft(`forge-${randomUUID().slice(0, 8)}`, { sale: 'view' }),
    })
    const masked = (await app.handlers.listKeys(undefined)).keys.find((k) => k.id === created.key.id)!.maskedKey
    const [head, tail] = masked.split(/\*{3,}/) as [string, string]
    const forged = `${head}${'X'.repeat(created.value.length - head.length - tail.length)}${tail}`
    expect(forged).not.toBe(created.value)
    await expect(
      app.handlers.keepSecretCopy({ keyId: created.key.id, value: forged, secret: null }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('only of the value the server returned'),
    })
    expect((await app.handlers.listKeys(undefined)).localCopyKeyIds).not.toContain(created.key.id)
  })

  it('refuses a foreign pulse secret, whose public key id carries no mask at all', async () => {
    const app = startApp()
    await signedIn(app, 'pulse')
    const created = await app.handlers.createKey({
      draft: draft(`pulse-${randomUUID().slice(0, 8)}`, { Transactions: 'view' }),
    })
    expect(created.secret).not.toBeNull()
    await expect(
      app.handlers.keepSecretCopy({
        keyId: created.key.id,
        value: created.value,
        secret: 'a-secret-the-attacker-chose',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
    await expect(
      app.handlers.keepSecretCopy({ keyId: created.key.id, value: 'anything at all', secret: created.secret }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
    await expect(
      app.handlers.keepSecretCopy({ keyId: created.key.id, value: created.value, secret: null }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
    expect((await app.handlers.listKeys(undefined)).localCopyKeyIds).not.toContain(created.key.id)
    await app.handlers.keepSecretCopy({ keyId: created.key.id, value: created.value, secret: created.secret })
    expect((await app.handlers.listKeys(undefined)).localCopyKeyIds).toContain(created.key.id)
  })

  it("refuses another key's value, and a value the app no longer remembers after a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-keys-'))
    dirs.push(dataDir)
    const app = startApp({ dataDir })
    await signedIn(app)
    const first = await app.handlers.createKey({
      draft: draft(`a-${randomUUID().slice(0, 8)}`, { sale: 'view' }),
    })
    const second = await app.handlers.createKey({
      draft: draft(`b-${randomUUID().slice(0, 8)}`, { sale: 'view' }),
    })
    await expect(
      app.handlers.keepSecretCopy({ keyId: second.key.id, value: first.value, secret: null }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })

    const restarted = startApp({ dataDir })
    // A restored session carries no sudo proof; sudo mode off here so the value check itself is what refuses.
    await restarted.handlers.updateSettings({ clipboardClearSeconds: 30, sudoWindowMinutes: 0 })
    await signedIn(restarted)
    await expect(
      restarted.handlers.keepSecretCopy({ keyId: first.key.id, value: first.value, secret: null }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
    expect((await restarted.handlers.listKeys(undefined)).localCopyKeyIds).not.toContain(first.key.id)
  })

  it('keeps the successor of a rotation', async () => {
    const app = startApp()
    await signedIn(app)
    const created = await app.handlers.createKey({
      draft: draft(`rot-${randomUUID().slice(0, 8)}`, { sale: 'view' }),
    })
    const { successor } = await app.handlers.rotateKey({
      keyId: created.key.id,
      grace: '1h',
    })
    await app.handlers.keepSecretCopy({ keyId: successor.key.id, value: successor.value, secret: successor.secret })
    expect((await app.handlers.listKeys(undefined)).localCopyKeyIds).toContain(successor.key.id)
  })
})

describe('what is written to disk', () => {
  it('no key value or secret appears in the settings file or the audit log', async () => {
    const app = startApp()
    await signedIn(app)
    const secrets: string[] = []
    const created = await app.handlers.createKey({
      draft: draft(`disk-${randomUUID().slice(0, 8)}`, { sale: 'view' }),
    })
    secrets.push(created.value)
    await app.handlers.keepSecretCopy({ keyId: created.key.id, value: created.value, secret: null })
    secrets.push((await app.handlers.revealKey({ keyId: created.key.id })).value)
    const rotation = await app.handlers.rotateKey({ keyId: created.key.id, grace: 'now' })
    secrets.push(rotation.successor.value)

    const files = readdirSync(app.dataDir)
    expect(files).toEqual(expect.arrayContaining(['settings.json', 'audit-log.jsonl']))
    for (const file of files) {
      const text = readFileSync(join(app.dataDir, file), 'utf8')
      for (const secret of secrets) expect(text.includes(secret), `${file} holds a key value`).toBe(false)
    }
    expect(
      sandbox
        .issuedTokenValues()
        .some((t) => files.some((f) => readFileSync(join(app.dataDir, f), 'utf8').includes(t))),
    ).toBe(false)
  })
})
