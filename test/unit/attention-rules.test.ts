import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DAY_MS,
  EXPIRY_WEEKS,
  attentionBuckets,
  keyAttention,
  keysMatching,
  summarize,
  type AttentionContext,
} from '@shared/domain/attention'
import type { ApiKey } from '@shared/domain/api-key'

function apiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: 'k1',
    name: 'key',
    maskedKey: 'apk_abc***xyz',
    status: 'active',
    permissions: {},
    nativePermissions: [],
    expiresAt: null,
    notes: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    lastUsedAt: null,
    accountId: null,
    ...overrides,
  }
}

const now = Date.parse('2026-06-01T12:00:00.000Z')
const at = (ms: number) => new Date(now + ms).toISOString()
const ctx: AttentionContext = {
  now,
  resources: ['payments', 'reports'],
  rotationMaxAgeDays: 90,
  pendingRevocationKeyIds: new Set(['pending']),
  reportsLastUse: true,
}
const buckets = (overrides: Parameters<typeof apiKey>[0], context = ctx) => [
  ...keyAttention(apiKey(overrides), context).buckets,
]

describe('expiry rules', () => {
  it('counts a key expiring in exactly 7 days as expiring within 7 (and 30) days, in the first week', () => {
    const attention = keyAttention(apiKey({ expiresAt: at(7 * DAY_MS), createdAt: at(0) }), ctx)
    expect([...attention.buckets].sort()).toEqual(['expiring-30', 'expiring-7', 'never-used'])
    expect(attention.expiryWeek).toBe(0)
  })

  it('a millisecond past 7 days is only within 30 days, in the second week', () => {
    const attention = keyAttention(apiKey({ expiresAt: at(7 * DAY_MS + 1) }), ctx)
    expect(attention.buckets.has('expiring-7')).toBe(false)
    expect(attention.buckets.has('expiring-30')).toBe(true)
    expect(attention.expiryWeek).toBe(1)
  })

  it('a key expiring exactly now is expired, not expiring, and outside the chart', () => {
    const attention = keyAttention(apiKey({ expiresAt: at(0) }), ctx)
    expect(attention.buckets.has('expired')).toBe(true)
    expect(attention.buckets.has('expiring-7')).toBe(false)
    expect(attention.expiryWeek).toBeNull()
  })

  it('the server calling a key expired is enough, whatever its date says', () => {
    expect(buckets({ status: 'expired', expiresAt: at(DAY_MS) })).toContain('expired')
  })

  it('no expiry is its own bucket; an unreadable date is "expiry unknown", never guessed', () => {
    expect(buckets({ expiresAt: null })).toContain('no-expiry')
    const unknown = buckets({ expiresAt: 'not a date' })
    expect(unknown).toContain('expiry-unknown')
    expect(unknown).not.toContain('expired')
    expect(unknown).not.toContain('no-expiry')
  })

  it('a far-future expiry is neither expiring nor in the 26-week chart', () => {
    const attention = keyAttention(apiKey({ expiresAt: '9999-12-31T00:00:00.000Z' }), ctx)
    expect(attention.expiryWeek).toBeNull()
    expect(attention.buckets.has('expiring-30')).toBe(false)
    expect(attention.buckets.has('no-expiry')).toBe(false)
  })

  it('the chart ends after week 26', () => {
    expect(keyAttention(apiKey({ expiresAt: at(EXPIRY_WEEKS * 7 * DAY_MS) }), ctx).expiryWeek).toBe(EXPIRY_WEEKS - 1)
    expect(keyAttention(apiKey({ expiresAt: at(EXPIRY_WEEKS * 7 * DAY_MS + 1) }), ctx).expiryWeek).toBeNull()
  })
})

describe('last-use rules', () => {
  const lastUse = (lastUsedAt: string | null, context = ctx) => keyAttention(apiKey({ lastUsedAt }), context).lastUse

  it('exactly 90 days idle is "not used in 90 days"; a millisecond less is not', () => {
    expect(lastUse(at(-90 * DAY_MS))).toBe('over-90')
    expect(buckets({ lastUsedAt: at(-90 * DAY_MS) })).toContain('idle-90')
    expect(lastUse(at(-90 * DAY_MS + 1))).toBe('30-90')
    expect(buckets({ lastUsedAt: at(-90 * DAY_MS + 1) })).not.toContain('idle-90')
  })

  it('the other edges: 30 and 7 days belong to the older bucket', () => {
    expect(lastUse(at(-30 * DAY_MS))).toBe('30-90')
    expect(lastUse(at(-30 * DAY_MS + 1))).toBe('7-30')
    expect(lastUse(at(-7 * DAY_MS))).toBe('7-30')
    expect(lastUse(at(-7 * DAY_MS + 1))).toBe('under-7')
    expect(lastUse(at(0))).toBe('under-7')
  })

  it('no last use is "never" where the dialect reports it, and "unknown" where it does not', () => {
    expect(lastUse(null)).toBe('never')
    expect(lastUse(null, { ...ctx, reportsLastUse: false })).toBe('unknown')
    expect(lastUse(at(-DAY_MS), { ...ctx, reportsLastUse: false })).toBe('unknown')
    expect(buckets({ lastUsedAt: null }, { ...ctx, reportsLastUse: false })).not.toContain('never-used')
  })

  it('an unreadable or far-future last use is unknown; a few minutes of clock skew is recent use', () => {
    expect(lastUse('yesterday')).toBe('unknown')
    expect(lastUse(at(400 * DAY_MS))).toBe('unknown')
    expect(buckets({ lastUsedAt: 'yesterday' })).toContain('last-use-unknown')
    expect(lastUse(at(5 * 60_000))).toBe('under-7')
  })
})

describe('permission, rotation, status rules', () => {
  it('broad means Change on every resource the profile knows', () => {
    expect(buckets({ permissions: { payments: 'change', reports: 'change' } })).toContain('broad')
    expect(buckets({ permissions: { payments: 'change', reports: 'view' } })).not.toContain('broad')
    expect(buckets({ permissions: { payments: 'change' } })).not.toContain('broad')
    expect(buckets({ permissions: {} }, { ...ctx, resources: [] })).not.toContain('broad')
  })

  it('rotation is due at exactly the maximum age, never when the policy is off or the date is unreadable', () => {
    expect(buckets({ createdAt: at(-90 * DAY_MS) })).toContain('rotation-due')
    expect(buckets({ createdAt: at(-90 * DAY_MS + 1) })).not.toContain('rotation-due')
    expect(buckets({ createdAt: at(-400 * DAY_MS) }, { ...ctx, rotationMaxAgeDays: null })).not.toContain(
      'rotation-due',
    )
    expect(buckets({ createdAt: 'garbage' })).not.toContain('rotation-due')
    expect(buckets({ createdAt: at(-400 * DAY_MS), expiresAt: at(-DAY_MS) })).not.toContain('rotation-due')
  })

  it('disabled and pending revocation', () => {
    expect(buckets({ status: 'disabled' })).toContain('disabled')
    expect(buckets({ id: 'pending' })).toContain('pending-revocation')
    expect(buckets({ id: 'other' })).not.toContain('pending-revocation')
  })
})

describe('summary and filters (properties)', () => {
  const dayOffset = fc.integer({ min: -400, max: 400 }).map((days) => at(days * DAY_MS))
  const key = fc.record({
    id: fc.uuid(),
    status: fc.constantFrom('active' as const, 'disabled' as const, 'expired' as const),
    expiresAt: fc.option(fc.oneof(dayOffset, fc.constant('bad')), { nil: null }),
    lastUsedAt: fc.option(fc.oneof(dayOffset, fc.constant('bad')), { nil: null }),
    createdAt: dayOffset,
  })
  const keyList = fc.array(key, { maxLength: 40 }).map((rows) => rows.map((row) => apiKey(row)))

  it('every tile counts exactly the keys its filter shows', () => {
    fc.assert(
      fc.property(keyList, (keys) => {
        const summary = summarize(keys, ctx)
        for (const bucket of attentionBuckets)
          expect(keysMatching(keys, ctx, { kind: 'bucket', bucket })).toHaveLength(summary.counts[bucket])
        summary.expiriesPerWeek.forEach((count, week) =>
          expect(keysMatching(keys, ctx, { kind: 'expiry-week', week })).toHaveLength(count),
        )
      }),
    )
  })

  it('every key is in exactly one last-use bar, and the chart never counts an expired key', () => {
    fc.assert(
      fc.property(keyList, (keys) => {
        const summary = summarize(keys, ctx)
        expect(Object.values(summary.lastUse).reduce((a, b) => a + b, 0)).toBe(keys.length)
        expect(summary.expiriesPerWeek.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(
          keys.length - summary.counts.expired,
        )
        expect(summary.counts['expiring-7']).toBeLessThanOrEqual(summary.counts['expiring-30'])
      }),
    )
  })
})
