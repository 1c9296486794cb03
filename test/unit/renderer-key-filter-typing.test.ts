import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ApiKey } from '@shared/domain/api-key'
import {
  filterFrom,
  filterKeyViews,
  indexKeys,
  refineHits,
  sortKeyViews,
  type FilterResult,
  type KeyView,
} from '@renderer/features/keys/key-filter'
import { resourceLabelsOf } from '@renderer/features/keys/permission-chips'
import { apiKey } from './renderer-fixtures'

// Typing a word letter by letter starts each keystroke from the previous result (where the shorter word
// was found); on texts made of few letters the word occurs again and again, in several fields, so every
// way a longer word can stop matching, or match further on, is met.

const now = new Date('2026-06-01T12:00:00.000Z')
const ids = (views: readonly KeyView[]) => views.map((view) => view.key.id)
const labels = resourceLabelsOf([{ id: 'payments', label: 'Payments' }])
const letters = (maxLength: number) =>
  fc.array(fc.constantFrom('a', 'b', 'A', '-'), { maxLength }).map((chars) => chars.join(''))

const arbitraryKey = (id: number) =>
  fc
    .record({
      name: letters(12),
      masked: letters(8),
      notes: fc.option(letters(30)),
      permissions: fc.constantFrom<ApiKey['permissions']>({}, { payments: 'view' }, { ab: 'change' }),
      status: fc.constantFrom('active', 'disabled'),
    })
    .map((r) =>
      apiKey({
        id: `k${id}`,
        name: r.name,
        maskedKey: r.masked,
        notes: r.notes,
        status: r.status,
        permissions: r.permissions,
        nativePermissions: Object.keys(r.permissions).map((p) => `${p}:read`),
      }),
    )

const arbitraryKeys = fc
  .integer({ min: 0, max: 30 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbitraryKey(i))))

describe('the key filter, typed letter by letter', () => {
  it('gives at every keystroke what filtering the whole list gives', () => {
    const typing = fc.record({
      before: fc.constantFrom('', 'a ', 'pay ', 'b- '),
      word: letters(10),
      // After which keystrokes idle time came (refineHits), and the status filter.
      idle: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
      status: fc.constantFrom<'all' | 'active'>('all', 'all', 'active'),
    })
    fc.assert(
      fc.property(arbitraryKeys, typing, (keys, { before, word, idle, status }) => {
        const source = sortKeyViews(indexKeys(keys, now, labels), { column: 'name', desc: false })
        let previous: FilterResult | null = null
        for (let typed = 0; typed <= word.length; typed++) {
          const filter = { text: before + word.slice(0, typed), status }
          previous = filterFrom(previous, source, filter)
          expect(ids(previous.rows)).toEqual(ids(filterKeyViews(source, filter)))
          if (idle[typed]) refineHits(previous)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('keeps the previous rows array when a keystroke drops no row, and a new one when it does', () => {
    const keys = [apiKey({ id: 'a', name: 'ab-ab' }), apiKey({ id: 'b', name: 'abb', maskedKey: 'x-ab-' })]
    const source = sortKeyViews(indexKeys(keys, now), { column: 'name', desc: false })
    const a = filterFrom(null, source, { text: 'a', status: 'all' })
    const ab = filterFrom(a, source, { text: 'ab', status: 'all' })
    expect(ab.rows).toBe(source)
    // "ab-" is in the first key's name, and in the second key's masked key only.
    const abDash = filterFrom(ab, source, { text: 'ab-', status: 'all' })
    expect(abDash.rows).toBe(source)
    const abDashA = filterFrom(abDash, source, { text: 'ab-a', status: 'all' })
    expect(ids(abDashA.rows)).toEqual(['a'])
    expect(abDashA.rows).not.toBe(source)
  })
})
