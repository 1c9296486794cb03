import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TableLayout } from '@shared/contracts/table'
import { createAppCore, type AppCore } from '@core/app-core'
import { dispatchCall } from '@core/ipc/dispatch'
import { silentLogger } from '@core/log'
import { keytarBackend } from '@core/vault/keytar-backend'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { ADMIN, browserPlatform, loginAs, testKeychain } from '../support/signed-in-session'

// The key table's remembered layout through the contract's dispatch and the real core: bad input is
// refused with a message that says what is wrong, a filter holding a key value is never written, a
// damaged entry is skipped, and removing a profile removes its layouts. Real sandbox, real keychain.

const keychain = testKeychain()
let sandbox: Sandbox
let dataDir: string
let core: AppCore
let settings: Conf

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  dataDir = mkdtempSync(join(tmpdir(), 'keywarden-layout-'))
  settings = new Conf({ cwd: dataDir, configName: 'settings', projectName: 'keywarden' })
  core = createAppCore({
    settings,
    keychain: keytarBackend,
    keychainService: keychain.service,
    dataDir,
    platform: browserPlatform(loginAs(ADMIN)),
    emit: () => {},
    log: silentLogger,
    sandboxUrl: sandbox.url,
    signInTimeoutMs: 5_000,
  })
  await core.ready
})
afterAll(async () => {
  await core.dispose()
  await sandbox.close()
  await keychain.clear()
  rmSync(dataDir, { recursive: true, force: true })
})
afterEach(() => settings.delete('tableLayouts'))

const layout: TableLayout = {
  hidden: ['lastUsed'],
  order: ['name', 'status', 'permissions', 'lastUsed', 'key'],
  widths: { key: 158 },
  sort: { column: 'key', desc: true },
  filterText: 'nightly',
  status: 'active',
}

const call = (name: string, input: unknown) => dispatchCall(core.handlers, name, input, silentLogger)

async function profileIdOf(dialect: string): Promise<string> {
  const overview = await core.handlers.listProfiles(undefined)
  return overview.profiles.find((p) => p.profile.dialect === dialect)!.profile.id
}

/** The settings file as written on disk. */
const onDisk = (): string => readFileSync(join(dataDir, 'settings.json'), 'utf8')

describe('table layout: validation', () => {
  it.each([
    ['a width below the minimum', { widths: { key: 5 } }, 'layout.widths.key', 'A column is at least 48 pixels wide.'],
    ['a width that is not whole', { widths: { key: 100.5 } }, 'layout.widths.key', 'A column width is a whole number'],
    ['a column hidden twice', { hidden: ['key', 'key'] }, 'layout.hidden', 'The hidden columns list a column twice.'],
    ['a column id that is not a name', { order: ['<script>'] }, 'layout.order.0', 'A column id is a short name'],
    [
      'too many columns',
      { hidden: Array.from({ length: 21 }, (_, i) => `c${i}`) },
      'layout.hidden',
      'at most 20 hidden',
    ],
    ['a filter too long', { filterText: 'x'.repeat(201) }, 'layout.filterText', 'at most 200 characters'],
    ['an unknown status', { status: 'revoked' }, 'layout.status', 'The status filter is one of all, active'],
    ['a field the layout has not', { rows: [{ id: 'k1' }] }, 'layout', 'Unrecognized key'],
  ])('refuses %s with a clear message, and writes nothing', async (_what, change, field, message) => {
    const profileId = await profileIdOf('gateway')
    const result = await call('saveTableLayout', { profileId, accountId: null, layout: { ...layout, ...change } })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('VALIDATION')
    expect(result.error.message).toContain(message)
    expect(Object.keys(result.error.fields ?? {})).toContain(field)
    expect(settings.get('tableLayouts')).toBeUndefined()
  })

  it('refuses a layout for a profile that does not exist', async () => {
    const result = await call('saveTableLayout', { profileId: 'no-such-profile', accountId: null, layout })
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'That profile no longer exists.' } })
  })
})

describe('table layout: per profile and account, on disk', () => {
  it('keeps each profile and account its own layout, in the settings file', async () => {
    const gateway = await profileIdOf('gateway')
    const wallet = await profileIdOf('wallet')
    const walletLayout: TableLayout = { ...layout, hidden: ['notes'], filterText: '' }
    expect(await call('saveTableLayout', { profileId: gateway, accountId: null, layout })).toEqual({
      ok: true,
      value: undefined,
    })
    await call('saveTableLayout', { profileId: wallet, accountId: 'acc_1', layout: walletLayout })

    expect(await call('tableLayout', { profileId: gateway, accountId: null })).toEqual({ ok: true, value: layout })
    expect(await call('tableLayout', { profileId: wallet, accountId: 'acc_1' })).toEqual({
      ok: true,
      value: walletLayout,
    })
    // Another account of the same profile has none yet.
    expect(await call('tableLayout', { profileId: wallet, accountId: 'acc_2' })).toEqual({ ok: true, value: null })
    expect(onDisk()).toContain('"filterText": "nightly"')
  })

  it('never writes a filter that holds a key value: the layout is kept, the filter saved empty', async () => {
    const gateway = await profileIdOf('gateway')
    await core.handlers.selectProfile({ profileId: gateway })
    await core.handlers.signIn(undefined)
    const created = await core.handlers.createKey({
      draft: { name: 'layout-filter-probe', permissions: { sale: 'view' }, expiresAt: null, notes: null },
    })
    await core.handlers.secretShown({ keyId: created.key.id })
    expect(created.value.length).toBeGreaterThan(8)

    const pasted = { ...layout, filterText: `found ${created.value}` }
    expect((await call('saveTableLayout', { profileId: gateway, accountId: null, layout: pasted })).ok).toBe(true)
    expect(await call('tableLayout', { profileId: gateway, accountId: null })).toEqual({
      ok: true,
      value: { ...layout, filterText: '' },
    })
    expect(onDisk()).not.toContain(created.value)
  })

  it('skips a damaged entry and reads the others; a column it does not know is kept for the renderer to ignore', async () => {
    const gateway = await profileIdOf('gateway')
    const wallet = await profileIdOf('wallet')
    const unknownColumn: TableLayout = { ...layout, hidden: ['owner'], sort: { column: 'owner', desc: false } }
    settings.set('tableLayouts', {
      [gateway]: { '': { savedAt: '2026-01-01T00:00:00.000Z', layout: { ...layout, widths: { key: 'wide' } } } },
      [wallet]: { acc_1: { savedAt: '2026-01-01T00:00:00.000Z', layout: unknownColumn } },
    })
    expect(await call('tableLayout', { profileId: gateway, accountId: null })).toEqual({ ok: true, value: null })
    expect(await call('tableLayout', { profileId: wallet, accountId: 'acc_1' })).toEqual({
      ok: true,
      value: unknownColumn,
    })
  })

  it('removing a profile removes its layouts, and only its', async () => {
    const gateway = await profileIdOf('gateway')
    const pulse = await profileIdOf('pulse')
    await call('saveTableLayout', { profileId: gateway, accountId: null, layout })
    await call('saveTableLayout', { profileId: pulse, accountId: 'acc_9', layout })
    const profilesWithLayouts = () => Object.keys(JSON.parse(onDisk()).tableLayouts ?? {}).sort()
    expect(profilesWithLayouts()).toEqual([gateway, pulse].sort())

    await core.handlers.removeProfile({ profileId: pulse })
    expect(profilesWithLayouts()).toEqual([gateway])
    expect(await call('tableLayout', { profileId: pulse, accountId: 'acc_9' })).toEqual({ ok: true, value: null })
    expect(await call('tableLayout', { profileId: gateway, accountId: null })).toEqual({ ok: true, value: layout })
  })
})
