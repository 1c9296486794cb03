import { describe, expect, it } from 'vitest'
import type { ApiKey } from '@shared/domain/api-key'
import { DAY_MS } from '@shared/domain/attention'
import type { PendingRevocation } from '@shared/domain/key-lifecycle'
import { defaultReminderSettings } from '@core/reminders/reminder-settings'
import { dueReminders, reminderTarget, reminderText, type ProfileInput } from '@core/reminders/reminder-rules'

const start = Date.parse('2026-06-01T12:00:00.000Z')

function key(id: string, expiresInDays: number | null, createdDaysAgo = 1): ApiKey {
  return {
    id,
    name: id,
    maskedKey: 'apk_abc***xyz',
    status: 'active',
    permissions: {},
    nativePermissions: [],
    expiresAt: expiresInDays === null ? null : new Date(start + expiresInDays * DAY_MS).toISOString(),
    notes: null,
    createdAt: new Date(start - createdDaysAgo * DAY_MS).toISOString(),
    lastUsedAt: null,
    accountId: null,
  }
}

function profile(keys: ApiKey[], now: number, rotationMaxAgeDays: number | null = null): ProfileInput {
  return {
    profileId: 'p1',
    profileName: 'Production gateway',
    keys,
    context: { now, resources: [], rotationMaxAgeDays, pendingRevocationKeyIds: new Set(), reportsLastUse: true },
  }
}

/** Runs the rules at each moment as the service does: what fires is remembered. */
function fireAt(keys: ApiKey[], moments: number[], fired = new Set<string>()) {
  return moments.map((now) => {
    const groups = dueReminders([profile(keys, now)], [], defaultReminderSettings, fired)
    for (const group of groups) for (const marker of group.markers) fired.add(marker)
    return groups.map((group) => `${group.kind}:${group.threshold}:${group.keyIds.join(',')}`)
  })
}

describe('reminder rules', () => {
  it('fires each threshold once as the days pass: 30, 7, then 1 day before', () => {
    const keys = [key('a', 40)]
    const days = [0, 10, 11, 33, 34, 39, 39.5].map((d) => start + d * DAY_MS)
    expect(fireAt(keys, days)).toEqual([[], ['expiry:30:a'], [], ['expiry:7:a'], [], ['expiry:1:a'], []])
  })

  it('exactly 7 days before is the 7-day reminder', () => {
    expect(fireAt([key('a', 7)], [start])).toEqual([['expiry:7:a']])
  })

  it('a clock that jumps forward past several thresholds fires the tightest once; jumping back repeats nothing', () => {
    const keys = [key('a', 40)]
    const fired = new Set<string>()
    expect(fireAt(keys, [start + 39.5 * DAY_MS], fired)).toEqual([['expiry:1:a']])
    expect(fireAt(keys, [start, start + 15 * DAY_MS, start + 35 * DAY_MS, start + 39.9 * DAY_MS], fired)).toEqual([
      [],
      [],
      [],
      [],
    ])
  })

  it('remembers across a restart: the same markers mean nothing fires again', () => {
    const fired = new Set<string>()
    fireAt([key('a', 5)], [start], fired)
    const restarted = new Set([...fired])
    expect(fireAt([key('a', 5)], [start + 3_600_000], restarted)).toEqual([[]])
  })

  it('a new expiry date is a new reminder; an expired key or no expiry reminds nothing', () => {
    const fired = new Set<string>()
    fireAt([key('a', 5)], [start], fired)
    expect(fireAt([key('a', 6)], [start], fired)).toEqual([['expiry:7:a']])
    expect(fireAt([key('b', -1), key('c', null)], [start])).toEqual([[]])
  })

  it('groups many keys of a profile into one notification with the count', () => {
    const keys = Array.from({ length: 12 }, (_, i) => key(`k${i}`, 3))
    const [group] = dueReminders([profile(keys, start)], [], defaultReminderSettings, new Set())
    expect(reminderText(group!)).toEqual({
      title: 'API keys expire soon',
      body: '12 keys of Production gateway expire within 7 days',
    })
    expect(reminderTarget(group!)).toEqual({
      profileId: 'p1',
      keyIds: keys.map((k) => k.id),
      filter: { kind: 'bucket', bucket: 'expiring-7' },
    })
  })

  it('rotation due once per key, and a failed revocation once', () => {
    const settings = { ...defaultReminderSettings, expiry: false }
    const failed: PendingRevocation = {
      id: 'r1',
      profileId: 'p1',
      profileName: 'Production gateway',
      accountId: null,
      keyId: 'old',
      keyName: 'old-key',
      dueAt: new Date(start).toISOString(),
      attempts: 1,
      lastError: 'server unreachable',
    }
    const fired = new Set<string>()
    const first = dueReminders([profile([key('a', null, 100)], start, 90)], [failed], settings, fired)
    expect(first.map((g) => [g.kind, g.keyIds])).toEqual([
      ['rotation', ['a']],
      ['revocation', ['old']],
    ])
    expect(reminderText(first[1]!).body).toBe(
      'Revoking “old-key” of Production gateway failed; Keywarden will try again',
    )
    for (const group of first) for (const marker of group.markers) fired.add(marker)
    expect(dueReminders([profile([key('a', null, 100)], start + DAY_MS, 90)], [failed], settings, fired)).toEqual([])
  })

  it('turned-off reminders and thresholds stay quiet', () => {
    const settings = { ...defaultReminderSettings, expiryThresholds: { 30: true, 7: false, 1: false } }
    expect(dueReminders([profile([key('a', 5)], start)], [], settings, new Set()).map((g) => g.threshold)).toEqual([30])
    expect(dueReminders([profile([key('a', 5)], start)], [], { ...settings, expiry: false }, new Set())).toEqual([])
  })
})
