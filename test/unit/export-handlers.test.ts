import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { calls } from '@shared/contract'
import type { ApiKey } from '@shared/domain/api-key'
import type { LocalAuditEntry } from '@shared/domain/key-lifecycle'
import { ManualClock } from '@core/clock'
import { exportHandlers, type ExportDeps } from '@core/export/export-handlers'
import type { SaveFileFilter, SaveFileResult } from '@core/platform'
import { LockService } from '@core/sudo/lock-service'

function apiKey(fields: Pick<ApiKey, 'id' | 'name'>): ApiKey {
  const base = { maskedKey: 'gw_abc***xyz', status: 'active' as const, permissions: {}, nativePermissions: [] }
  const dates = { expiresAt: null, notes: null, createdAt: '2026-01-01T00:00:00.000Z', lastUsedAt: null }
  return { ...base, ...dates, accountId: null, ...fields }
}

const dir = mkdtempSync(join(tmpdir(), 'keywarden-export-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A platform that saves as a user who accepts the suggested name in `dir` would: a real file on disk. */
function diskPlatform(): ExportDeps['platform'] & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    saveFile: async (name: string, content: string, _filters: SaveFileFilter[]): Promise<SaveFileResult> => {
      asked.push(name)
      const where = join(dir, name)
      writeFileSync(where, content, 'utf8')
      return { saved: true, where }
    },
  }
}

const VALUE = 'gw_live_SECRETVALUE123'
// The core's list holds plain metadata, but a key object with extra fields must not leak them.
const withSecret = (key: ApiKey): ApiKey => Object.assign(key, { value: VALUE, secret: 'shh-secret' })
const listed: ApiKey[] = [
  withSecret(apiKey({ id: 'a', name: 'alpha' })),
  apiKey({ id: 'b', name: '=HYPERLINK("http://evil")' }),
  apiKey({ id: 'c', name: 'gamma, "quoted"' }),
]
const audit: LocalAuditEntry[] = [
  {
    at: '2026-01-01T00:00:00.000Z',
    actor: 'me',
    profileName: 'Gateway',
    action: 'created',
    keyId: 'a',
    keyName: 'alpha',
  },
  { at: '2026-02-01T00:00:00.000Z', actor: 'me', profileName: 'Gateway', action: 'revoked', keyId: 'b', keyName: 'b' },
] as LocalAuditEntry[]

function setup(platform: ExportDeps['platform'] = diskPlatform()) {
  const clock = new ManualClock(Date.parse('2026-11-30T10:00:00Z'))
  const lock = new LockService({ clock, idleMinutes: () => 0, onLock: () => {}, onUnlock: () => {} })
  const unlocked = <T>(run: () => Promise<T>): Promise<T> => {
    lock.assertUnlocked()
    return run()
  }
  const handlers = exportHandlers(
    {
      listed: async () => ({ profileName: 'My Gateway/../x', keys: listed }),
      auditLog: async () => audit,
      platform,
      clock,
    },
    unlocked,
  )
  return { handlers, lock, platform }
}

describe('export handlers', () => {
  it('writes the given ids in the given order from the core list, metadata only, formulas defused', async () => {
    const platform = diskPlatform()
    const { handlers } = setup(platform)
    const result = await handlers.exportKeys({ keyIds: ['c', 'a', 'b'], format: 'csv' })
    expect(result.saved).toBe(true)
    expect(result.rows).toBe(3)
    expect(platform.asked).toEqual(['keywarden-My-Gateway-..-x-keys-2026-11-30.csv'])
    const text = readFileSync(result.path as string, 'utf8')
    expect(text.startsWith('\uFEFFid,name,masked_key,')).toBe(true)
    const lines = text.slice(1).trimEnd().split('\r\n')
    expect(lines.map((line) => line.split(',')[0])).toEqual(['id', 'c', 'a', 'b'])
    expect(text).toContain(`'=HYPERLINK(""http://evil"")`)
    expect(text).not.toContain(VALUE)
    expect(text).not.toContain('shh-secret')
  })

  it('JSON has exactly the metadata columns', async () => {
    const { handlers } = setup()
    const result = await handlers.exportKeys({ keyIds: ['a'], format: 'json' })
    const rows = JSON.parse(readFileSync(result.path as string, 'utf8')) as Array<Record<string, string>>
    expect(rows).toHaveLength(1)
    expect(rows[0]?.name).toBe('alpha')
    expect(Object.keys(rows[0] ?? {})).not.toContain('value')
    expect(JSON.stringify(rows)).not.toContain(VALUE)
  })

  it('refuses an id the core list does not hold (rows are never taken from the renderer)', async () => {
    const { handlers } = setup()
    await expect(handlers.exportKeys({ keyIds: ['a', 'forged'], format: 'csv' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('no longer in'),
    })
  })

  it('says clearly when the platform cannot save, before any work', async () => {
    const { handlers } = setup({})
    await expect(handlers.exportAuditLog({ format: 'csv' })).rejects.toThrow(/Exporting is not available here/)
    await expect(handlers.exportKeys({ keyIds: ['a'], format: 'csv' })).rejects.toThrow(/Exporting is not available/)
  })

  it('a cancelled save writes nothing and counts no rows', async () => {
    const { handlers } = setup({ saveFile: async () => ({ saved: false }) })
    expect(await handlers.exportKeys({ keyIds: ['a'], format: 'csv' })).toEqual({ saved: false, rows: 0 })
  })

  it('the audit log, newest first', async () => {
    const { handlers } = setup()
    const result = await handlers.exportAuditLog({ format: 'csv' })
    expect(result.rows).toBe(2)
    const lines = readFileSync(result.path as string, 'utf8')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toBe('\uFEFFat,actor,profile,action,key_id,key_name')
    expect(lines[1]).toContain('revoked')
  })

  it('refuses while Keywarden is locked', async () => {
    const { handlers, lock, platform } = setup()
    lock.lock('user')
    await expect(handlers.exportKeys({ keyIds: ['a'], format: 'csv' })).rejects.toMatchObject({ code: 'LOCKED' })
    await expect(handlers.exportAuditLog({ format: 'json' })).rejects.toMatchObject({ code: 'LOCKED' })
    expect((platform as { asked: string[] }).asked).toEqual([])
  })

  it('the contract rejects a bad format, no ids, and too many ids with clear messages', () => {
    const input = calls.exportKeys.input
    expect(input.safeParse({ keyIds: ['a'], format: 'xlsx' }).error?.issues[0]?.message).toBe(
      'The export format is csv or json.',
    )
    expect(input.safeParse({ keyIds: [], format: 'csv' }).error?.issues[0]?.message).toBe(
      'There are no keys to export.',
    )
    const many = Array.from({ length: 200_001 }, (_, i) => `k${i}`)
    expect(input.safeParse({ keyIds: many, format: 'csv' }).error?.issues[0]?.message).toMatch(/at most 200000/)
    expect(input.safeParse({ keyIds: ['a'], format: 'csv', rows: [] }).success).toBe(false)
  })
})
