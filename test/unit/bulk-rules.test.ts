import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bulkRefusal } from '@shared/contracts/bulk'
import { BulkRunStore } from '@core/bulk/bulk-run-store'
import { ManualClock } from '@core/clock'
import { retryAfterMs } from '@core/http/http-errors'
import { silentLogger } from '@core/log'

const dir = mkdtempSync(join(tmpdir(), 'keywarden-bulk-unit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP dates; anything else is null', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(retryAfterMs('2', now)).toBe(2000)
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000)
    expect(retryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0)
    expect(retryAfterMs(null, now)).toBeNull()
    expect(retryAfterMs('soon', now)).toBeNull()
    expect(retryAfterMs('-3', now)).toBeNull()
  })
})

describe('which keys an action applies to', () => {
  const all = { canCreate: true, canEdit: true, canDelete: true }
  it('follows the capabilities, the access and the key state', () => {
    expect(bulkRefusal('revoke', { status: 'active' }, { canDisable: false }, all)).toBeNull()
    expect(bulkRefusal('revoke', { status: 'active' }, { canDisable: true }, { ...all, canDelete: false })).toBe(
      'you may not revoke keys here',
    )
    expect(bulkRefusal('disable', { status: 'active' }, { canDisable: false }, all)).toBe(
      'this API cannot disable and enable keys',
    )
    expect(bulkRefusal('disable', { status: 'disabled' }, { canDisable: true }, all)).toBe('it is already disabled')
    expect(bulkRefusal('enable', { status: 'expired' }, { canDisable: true }, all)).toBe('it is not disabled')
    expect(bulkRefusal('enable', { status: 'disabled' }, { canDisable: true }, { ...all, canEdit: false })).toBe(
      'you may not change keys here',
    )
    expect(bulkRefusal('rotate', { status: 'active' }, { canDisable: false }, { ...all, canCreate: false })).toMatch(
      /create and revoke/,
    )
  })
})

describe('the bulk runs file', () => {
  it('a damaged file is moved aside with a message, and the app starts with no runs', () => {
    const file = join(dir, 'bulk-runs.json')
    writeFileSync(file, '{"version":1,"data":[{"id":3}]}')
    const store = new BulkRunStore(file, new ManualClock(), silentLogger)
    expect(store.list()).toEqual([])
    expect(store.notice).toMatch(/The list of bulk runs is damaged .* moved aside/)
    expect(readdirSync(dir).some((name) => name.startsWith('bulk-runs.json.unreadable-'))).toBe(true)
  })

  it('a file from a newer Keywarden is moved aside, never read as if it were ours', () => {
    const file = join(dir, 'newer', 'bulk-runs.json')
    new BulkRunStore(file, new ManualClock(), silentLogger).flushNow()
    writeFileSync(file, '{"version":9,"data":[]}')
    expect(new BulkRunStore(file, new ManualClock(), silentLogger).notice).toMatch(/newer Keywarden \(format 9/)
  })
})
