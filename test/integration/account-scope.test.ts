import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '@core/app-core'
import type { CallHandlers } from '@core/ipc/dispatch'
import { silentLogger } from '@core/log'
import { keytarBackend } from '@core/vault/keytar-backend'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { ADMIN, browserPlatform, loginAs, testKeychain } from '../support/signed-in-session'

// The account a profile's key calls are about is listed once and remembered. Counted at the real
// sandbox, from its own request log (one line per request it served), through the contract's handlers.

let sandbox: Sandbox
const served: string[] = []
const keychain = testKeychain()
const dirs: string[] = []
const cores: AppCore[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: (line) => served.push(line) })
})
afterAll(async () => {
  for (const core of cores) await core.dispose()
  await sandbox?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
afterEach(() => keychain.clear())

const dialects = {
  wallet: {
    accountList: 'GET /wallet/v1/wallets ',
    keyList: (accountId: string) => `GET /wallet/v1/wallets/${accountId}/apikeys `,
    permissions: { payments: 'change' } as Record<string, 'view' | 'change'>,
    other: 'wal_payroll',
  },
  pulse: {
    accountList: 'GET /pulse/accounts ',
    keyList: () => 'GET /pulse/apikeys ',
    permissions: { Transactions: 'view' } as Record<string, 'view' | 'change'>,
    other: 'acc_contoso',
  },
} as const

async function signedInApp(dialect: keyof typeof dialects): Promise<CallHandlers> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-scope-'))
  dirs.push(dataDir)
  const core = createAppCore({
    settings: new Conf({ cwd: dataDir, configName: 'settings', projectName: 'keywarden' }),
    keychain: keytarBackend,
    keychainService: keychain.service,
    dataDir,
    platform: browserPlatform(loginAs(ADMIN)),
    emit: () => {},
    log: silentLogger,
    sandboxUrl: sandbox.url,
  })
  cores.push(core)
  const { handlers } = core
  const profile = (await handlers.listProfiles(undefined)).profiles.find((p) => p.profile.dialect === dialect)!.profile
  await handlers.selectProfile({ profileId: profile.id })
  expect((await handlers.signIn(undefined)).status).toBe('signed-in')
  return handlers
}

/** The requests the sandbox serves while `work` runs, each as "METHOD /path status …". */
async function servedDuring(work: () => Promise<unknown>): Promise<string[]> {
  const from = served.length
  await work()
  return served.slice(from)
}

const count = (lines: readonly string[], prefix: string) => lines.filter((line) => line.startsWith(prefix)).length

async function keyCalls(
  handlers: CallHandlers,
  dialect: keyof typeof dialects,
): Promise<{ accountIds: Array<string | null> }> {
  const first = await handlers.listKeys(undefined)
  const access = await handlers.getKeyAccess(undefined)
  expect(access.canCreate).toBe(true)
  const second = await handlers.listKeys(undefined)
  const draft = {
    name: `scope-${randomUUID().slice(0, 8)}`,
    permissions: dialects[dialect].permissions,
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    notes: null,
  }
  const created = await handlers.createKey({ draft })
  expect(created.key.name).toBe(draft.name)
  return { accountIds: [first.accountId, second.accountId] }
}

describe.each(['wallet', 'pulse'] as const)('the %s account scope', (dialect) => {
  const { accountList, keyList, other } = dialects[dialect]

  it('is listed once: listKeys → getKeyAccess → listKeys → createKey make one account-list request', async () => {
    const handlers = await signedInApp(dialect)
    let accountIds: Array<string | null> = []
    const lines = await servedDuring(async () => ({ accountIds } = await keyCalls(handlers, dialect)))
    expect(count(lines, accountList)).toBe(1)
    // The key calls did reach the server, for the account the scope resolved to.
    expect(accountIds[0]).not.toBeNull()
    expect(accountIds[1]).toBe(accountIds[0])
    expect(count(lines, keyList(accountIds[0]!))).toBe(2)
  })

  it('after selectAccount, key calls go to the picked account with no account-list request', async () => {
    const handlers = await signedInApp(dialect)
    await handlers.listKeys(undefined)
    let accountIds: Array<string | null> = []
    const lines = await servedDuring(async () => {
      expect((await handlers.selectAccount({ accountId: other })).selectedAccountId).toBe(other)
      ;({ accountIds } = await keyCalls(handlers, dialect))
    })
    expect(count(lines, accountList)).toBe(0)
    expect(accountIds).toEqual([other, other])
    expect(count(lines, keyList(other))).toBe(2)
  })

  it('is listed again when needed: the user opens the account list, or signs out and in again', async () => {
    const handlers = await signedInApp(dialect)
    await handlers.listKeys(undefined)
    // The account switcher always shows the server's list now; key calls then use what it found.
    const opened = await servedDuring(async () => {
      await handlers.listAccounts(undefined)
      await handlers.listKeys(undefined)
    })
    expect(count(opened, accountList)).toBe(1)

    const again = await servedDuring(async () => {
      await handlers.signOut(undefined)
      expect((await handlers.signIn(undefined)).status).toBe('signed-in')
      await handlers.listKeys(undefined)
      await handlers.getKeyAccess(undefined)
    })
    expect(count(again, accountList)).toBe(1)
  })

  it('key calls that arrive together before the scope is known share one listing', async () => {
    const handlers = await signedInApp(dialect)
    const lines = await servedDuring(() =>
      Promise.all([handlers.listKeys(undefined), handlers.getKeyAccess(undefined), handlers.listKeys(undefined)]),
    )
    expect(count(lines, accountList)).toBe(1)
  })

  it('an edited profile starts with a scope of its own, listed once again', async () => {
    const handlers = await signedInApp(dialect)
    await handlers.listKeys(undefined)
    const { profile } = (await handlers.listProfiles(undefined)).profiles.find((p) => p.profile.dialect === dialect)!
    const lines = await servedDuring(async () => {
      await handlers.saveProfile({
        id: profile.id,
        name: `${profile.name} (renamed)`,
        dialect,
        apiBaseUrl: profile.apiBaseUrl,
        auth: profile.auth,
        defaultAccountId: null,
      })
      await handlers.listKeys(undefined)
      await handlers.getKeyAccess(undefined)
    })
    expect(count(lines, accountList)).toBe(1)
  })
})
