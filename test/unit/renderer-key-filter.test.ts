import { describe, expect, it } from 'vitest'
import {
  EXPIRES_SOON_MS,
  filterKeyViews,
  filterTerms,
  indexKeys,
  isExpiringSoon,
  narrowsFilter,
  sortKeyViews,
  type KeyView,
} from '@renderer/features/keys/key-filter'
import { resourceLabelsOf } from '@renderer/features/keys/permission-chips'
import { apiKey } from './renderer-fixtures'

const now = new Date('2026-06-01T12:00:00.000Z')
const inDays = (days: number) => new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString()
const names = (views: readonly KeyView[]) => views.map((view) => view.key.name)

const keys = [
  apiKey({
    id: 'a',
    name: 'key-10',
    notes: 'billing job',
    createdAt: '2026-01-03T00:00:00.000Z',
    permissions: { payments: 'change' },
  }),
  apiKey({ id: 'b', name: 'key-9', status: 'disabled', createdAt: '2026-01-02T00:00:00.000Z', expiresAt: inDays(30) }),
  apiKey({
    id: 'c',
    name: 'Key-2',
    expiresAt: inDays(3),
    lastUsedAt: inDays(-1),
    createdAt: '2026-01-04T00:00:00.000Z',
  }),
  // Main still calls it active, but its date has passed: the table shows it expired.
  apiKey({
    id: 'd',
    name: 'old',
    expiresAt: inDays(-1),
    maskedKey: 'apk_old***111',
    createdAt: '2026-01-01T00:00:00.000Z',
  }),
]

describe('the key table pipeline', () => {
  const index = indexKeys(keys, now, resourceLabelsOf([{ id: 'payments', label: 'Payments' }]))

  it('sorts names naturally, key-9 before key-10, ignoring case', () => {
    expect(names(sortKeyViews(index, { column: 'name', desc: false }))).toEqual(['Key-2', 'key-9', 'key-10', 'old'])
    expect(names(sortKeyViews(index, { column: 'name', desc: true }))).toEqual(['old', 'key-10', 'key-9', 'Key-2'])
  })

  it('puts keys without a value last in both directions, and ties newest first', () => {
    expect(names(sortKeyViews(index, { column: 'expiry', desc: false }))).toEqual(['old', 'Key-2', 'key-9', 'key-10'])
    expect(names(sortKeyViews(index, { column: 'expiry', desc: true }))).toEqual(['key-9', 'Key-2', 'old', 'key-10'])
    // Three keys never used: newest created first among them, after the one that was used.
    expect(names(sortKeyViews(index, { column: 'lastUsed', desc: false }))).toEqual(['Key-2', 'key-10', 'key-9', 'old'])
  })

  it('marks keys past their date expired and keys due within a week as expiring soon', () => {
    const byName = new Map(index.views.map((view) => [view.key.name, view]))
    expect(byName.get('old')?.status).toBe('expired')
    expect(byName.get('Key-2')?.expiresSoon).toBe(true)
    expect(byName.get('key-9')?.expiresSoon).toBe(false)
    expect(isExpiringSoon(new Date(now.getTime() + EXPIRES_SOON_MS).toISOString(), 'active', now.getTime())).toBe(true)
    expect(isExpiringSoon(new Date(now.getTime() + EXPIRES_SOON_MS + 1).toISOString(), 'active', now.getTime())).toBe(
      false,
    )
    expect(isExpiringSoon(inDays(1), 'expired', now.getTime())).toBe(false)
  })

  it('keeps a key only when every word of the filter occurs in its name, key, notes or permissions', () => {
    const sorted = sortKeyViews(index, { column: 'name', desc: false })
    expect(names(filterKeyViews(sorted, { text: 'KEY', status: 'all' }))).toEqual(['Key-2', 'key-9', 'key-10'])
    expect(names(filterKeyViews(sorted, { text: 'billing key', status: 'all' }))).toEqual(['key-10'])
    expect(names(filterKeyViews(sorted, { text: 'payments · change', status: 'all' }))).toEqual(['key-10'])
    expect(names(filterKeyViews(sorted, { text: 'old***', status: 'all' }))).toEqual(['old'])
    expect(names(filterKeyViews(sorted, { text: 'billing nothing', status: 'all' }))).toEqual([])
  })

  it('filters by status, expiring soon included', () => {
    const sorted = sortKeyViews(index, { column: 'name', desc: false })
    expect(names(filterKeyViews(sorted, { text: '', status: 'active' }))).toEqual(['Key-2', 'key-10'])
    expect(names(filterKeyViews(sorted, { text: '', status: 'disabled' }))).toEqual(['key-9'])
    expect(names(filterKeyViews(sorted, { text: '', status: 'expired' }))).toEqual(['old'])
    expect(names(filterKeyViews(sorted, { text: '', status: 'expires-soon' }))).toEqual(['Key-2'])
    expect(filterKeyViews(sorted, { text: '  ', status: 'all' })).toBe(sorted)
  })

  it('says when a filter narrows the last one, so the last result can be searched instead of the list', () => {
    expect(filterTerms('  Pay  KEY ')).toEqual(['pay', 'key'])
    expect(narrowsFilter({ text: 'pay', status: 'all' }, { text: 'pa', status: 'all' })).toBe(true)
    expect(narrowsFilter({ text: 'pa key', status: 'active' }, { text: 'pa', status: 'all' })).toBe(true)
    expect(narrowsFilter({ text: 'p', status: 'all' }, { text: 'pa', status: 'all' })).toBe(false)
    expect(narrowsFilter({ text: 'pa', status: 'all' }, { text: 'pa', status: 'active' })).toBe(false)
  })
})
