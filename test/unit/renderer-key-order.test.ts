import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ApiKey } from '@shared/domain/api-key'
import {
  appendKeys,
  filterFrom,
  filterKeyViews,
  indexKeys,
  refineHits,
  sortKeyViews,
  type FilterResult,
  type KeyIndex,
  type KeySortColumn,
  type KeyView,
} from '@renderer/features/keys/key-filter'
import { resourceLabelsOf } from '@renderer/features/keys/permission-chips'
import { KeySharing } from '@renderer/stores/key-sharing'
import { apiKey } from './renderer-fixtures'

// The table's rows built batch by batch (a streamed list) must be the rows built at once, in every order.

const now = new Date('2026-06-01T12:00:00.000Z')
const columns: KeySortColumn[] = ['name', 'permissions', 'status', 'expiry', 'notes', 'lastUsed', 'key', 'created']
const ids = (views: readonly KeyView[]) => views.map((view) => view.key.id)
const labels = resourceLabelsOf([{ id: 'payments', label: 'Payments' }])

const arbitraryKey = (id: number) =>
  fc
    .record({
      name: fc.constantFrom('key-9', 'key-10', 'Key-2', 'alpha', 'beta 7', 'beta 7', 'kkey-kk', 'payments key'),
      status: fc.constantFrom('active', 'disabled'),
      permissions: fc.constantFrom<ApiKey['permissions']>({}, { payments: 'view' }, { payments: 'change' }),
      expiresInDays: fc.option(fc.integer({ min: -30, max: 60 })),
      notes: fc.option(fc.constantFrom('billing job', 'Billing', '', 'key key-1 pay')),
      createdDay: fc.integer({ min: 1, max: 3 }),
      lastUsedDay: fc.option(fc.integer({ min: 1, max: 3 })),
    })
    .map((r) =>
      apiKey({
        id: `k${id}`,
        name: r.name,
        maskedKey: `apk_${id}***x`,
        status: r.status,
        permissions: r.permissions,
        nativePermissions: Object.keys(r.permissions).map((p) => `${p}:read`),
        expiresAt: r.expiresInDays === null ? null : new Date(now.getTime() + r.expiresInDays * 864e5).toISOString(),
        notes: r.notes,
        createdAt: `2026-01-0${r.createdDay}T00:00:00.000Z`,
        lastUsedAt: r.lastUsedDay === null ? null : `2026-05-0${r.lastUsedDay}T00:00:00.000Z`,
      }),
    )

const arbitraryKeys = fc
  .integer({ min: 0, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbitraryKey(i))))
  .map((keys) => keys)

describe('the key table rows, built as batches arrive', () => {
  it('appending batches gives the same rows in every order as indexing the whole list', () => {
    fc.assert(
      fc.property(arbitraryKeys, fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }), (keys, cuts) => {
        const whole = indexKeys(keys, now, labels)
        const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, keys.length)), keys.length])].sort(
          (a, b) => a - b,
        )
        let index: KeyIndex = indexKeys(keys.slice(0, bounds[1] ?? 0), now, labels)
        // Sorted on two columns before the other batches arrive: both orders are merged, not redone.
        sortKeyViews(index, { column: 'name', desc: false })
        sortKeyViews(index, { column: 'expiry', desc: false })
        for (let b = 1; b + 1 < bounds.length; b++) index = appendKeys(index, keys.slice(bounds[b], bounds[b + 1]))
        expect(ids(index.views)).toEqual(ids(whole.views))
        for (const column of columns)
          for (const desc of [false, true])
            expect(ids(sortKeyViews(index, { column, desc }))).toEqual(ids(sortKeyViews(whole, { column, desc })))
      }),
      { numRuns: 200 },
    )
  })

  it('a list that replaces another keeps the views (and orders) of the same key objects, and only those', () => {
    const keys = [
      apiKey({ id: 'a', name: 'key-10' }),
      apiKey({ id: 'b', name: 'key-9' }),
      apiKey({ id: 'c', name: 'old', expiresAt: '2026-06-01T13:00:00.000Z' }),
    ]
    const first = indexKeys(keys, now, labels)
    expect(ids(sortKeyViews(first, { column: 'name', desc: false }))).toEqual(['b', 'a', 'c'])
    const changed = { ...keys[1]!, name: 'key-99' }
    const added = apiKey({ id: 'd', name: 'key-1' })
    // An hour later: "old" has expired since, so it gets a new view too.
    const next = indexKeys([keys[0]!, changed, keys[2]!, added], new Date(now.getTime() + 2 * 3600e3), labels, first)
    expect(next.views[0]).toBe(first.views[0])
    expect(next.views[1]).not.toBe(first.views[1])
    expect(next.views[2]).not.toBe(first.views[2])
    expect(next.views[2]?.status).toBe('expired')
    expect(next.ascending.has('name')).toBe(true)
    expect(ids(sortKeyViews(next, { column: 'name', desc: false }))).toEqual(['d', 'a', 'b', 'c'])
    expect(ids(sortKeyViews(next, { column: 'name', desc: false }))).toEqual(
      ids(
        sortKeyViews(
          indexKeys(
            next.views.map((v) => v.key),
            now,
            labels,
          ),
          { column: 'name', desc: false },
        ),
      ),
    )
  })

  it('typing, deleting and changing the status step by step gives what filtering the whole list gives', () => {
    const steps = fc.array(
      fc.record({
        text: fc.constantFrom(
          'k',
          'ke',
          'key',
          'key-',
          'key-1',
          'key-10',
          'kk',
          'kkey',
          'pay',
          'paym',
          'payments',
          'view',
          'key p',
          'key pa',
          'apk_1',
          'a',
          'al',
          '',
        ),
        status: fc.constantFrom<'all' | 'active' | 'expired'>('all', 'all', 'all', 'active', 'expired'),
        idle: fc.boolean(),
      }),
      { maxLength: 12 },
    )
    fc.assert(
      fc.property(arbitraryKeys, steps, (keys, filters) => {
        const source = sortKeyViews(indexKeys(keys, now, labels), { column: 'name', desc: false })
        let previous: FilterResult | null = null
        for (const { idle, ...filter } of filters) {
          previous = filterFrom(previous, source, filter)
          expect(ids(previous.rows)).toEqual(ids(filterKeyViews(source, filter)))
          // Idle time between keystrokes may or may not have come.
          if (idle) refineHits(previous)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('a filter that leaves every row returns the very array it was given', () => {
    const views = sortKeyViews(
      indexKeys([apiKey({ id: 'a', name: 'scale-1' }), apiKey({ id: 'b', name: 'scale-2' })], now),
      {
        column: 'name',
        desc: false,
      },
    )
    expect(filterKeyViews(views, { text: 'scale', status: 'all' })).toBe(views)
    expect(ids(filterKeyViews(views, { text: 'scale-2', status: 'all' }))).toEqual(['b'])
  })

  it('keys with the same permissions share one grid, one native list and one permission set', () => {
    const sharing = new KeySharing()
    const [a, b] = sharing.prepare([
      apiKey({ id: 'a', permissions: { payments: 'view' }, nativePermissions: ['payments:read'] }),
      apiKey({ id: 'b', permissions: { payments: 'view' }, nativePermissions: ['payments:read'] }),
    ])
    expect(a!.permissions).toBe(b!.permissions)
    expect(a!.nativePermissions).toBe(b!.nativePermissions)
    const index = indexKeys([a!, b!], now, labels)
    expect(index.views[0]!.permissions).toBe(index.views[1]!.permissions)
    expect(index.views[0]!.permissions.search).toBe('payments · view\npayments:read')
  })

  it('a list replacing the one on screen reuses its unchanged key objects, not the changed ones', () => {
    const sharing = new KeySharing()
    const shown = sharing.prepare([apiKey({ id: 'a', notes: 'x' }), apiKey({ id: 'b', notes: 'y' })])
    const byId = new Map(shown.map((key) => [key.id, key]))
    const [a, b, c] = sharing.prepare(
      [apiKey({ id: 'a', notes: 'x' }), apiKey({ id: 'b', notes: 'changed' }), apiKey({ id: 'c' })],
      byId,
    )
    expect(a).toBe(shown[0])
    expect(b).not.toBe(shown[1])
    expect(b!.notes).toBe('changed')
    expect(c!.id).toBe('c')
  })
})
