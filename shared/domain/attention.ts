import type { ApiKey } from './api-key'

/**
 * What needs attention: the bucket rules of the Overview, the reminders and the "Rotation due" badge.
 * Pure and free of the DOM, so the renderer (one profile's list) and the core (every profile's counts)
 * compute the same figures. A date that cannot be read is never guessed: it lands in an "unknown" bucket.
 */

export const DAY_MS = 24 * 60 * 60 * 1000
/** The expiry chart's span: weeks from now. */
export const EXPIRY_WEEKS = 26
/** A last use more than this far in the future is a broken date, not clock skew. */
const FUTURE_SKEW_MS = DAY_MS

export const attentionBuckets = [
  'expired',
  'expiring-7',
  'expiring-30',
  'never-used',
  'idle-90',
  'no-expiry',
  'broad',
  'rotation-due',
  'disabled',
  'pending-revocation',
  'expiry-unknown',
  'last-use-unknown',
] as const
export type AttentionBucket = (typeof attentionBuckets)[number]

export const lastUseBuckets = ['never', 'over-90', '30-90', '7-30', 'under-7', 'unknown'] as const
export type LastUseBucket = (typeof lastUseBuckets)[number]

export const bucketLabels: Readonly<Record<AttentionBucket, string>> = {
  expired: 'Expired',
  'expiring-7': 'Expiring within 7 days',
  'expiring-30': 'Expiring within 30 days',
  'never-used': 'Never used',
  'idle-90': 'Not used in 90 days',
  'no-expiry': 'No expiry',
  broad: 'Broad (Change on everything)',
  'rotation-due': 'Rotation due',
  disabled: 'Disabled',
  'pending-revocation': 'Pending revocation',
  'expiry-unknown': 'Expiry unknown',
  'last-use-unknown': 'Last use unknown',
}

export const lastUseLabels: Readonly<Record<LastUseBucket, string>> = {
  never: 'Never',
  'over-90': 'More than 90 days ago',
  '30-90': '30–90 days ago',
  '7-30': '7–30 days ago',
  'under-7': 'Less than 7 days ago',
  unknown: 'Unknown',
}

/** Which keys a tile or a bar stands for: the table filters to exactly these. */
export type AttentionFilter =
  | { kind: 'bucket'; bucket: AttentionBucket }
  | { kind: 'last-use'; bucket: LastUseBucket }
  | { kind: 'expiry-week'; week: number }

export interface AttentionContext {
  /** Epoch milliseconds. */
  now: number
  /** The resources a key of this profile can hold (the dialect's grid rows). */
  resources: readonly string[]
  /** The profile's rotation policy: maximum key age in days, or null when off. */
  rotationMaxAgeDays: number | null
  /** Keys whose revocation is scheduled. */
  pendingRevocationKeyIds: ReadonlySet<string>
  /** False where the dialect does not report last use at all: every key's last use is then unknown. */
  reportsLastUse: boolean
}

/** One key's place in every rule. */
export interface KeyAttention {
  buckets: ReadonlySet<AttentionBucket>
  lastUse: LastUseBucket
  /** The week (0 = the coming 7 days) of the expiry chart the key expires in, or null outside it. */
  expiryWeek: number | null
}

export interface AttentionSummary {
  total: number
  counts: Record<AttentionBucket, number>
  lastUse: Record<LastUseBucket, number>
  /** EXPIRY_WEEKS entries: keys expiring in each week from now. */
  expiriesPerWeek: number[]
}

function parse(iso: string | null): number | null | 'invalid' {
  if (iso === null) return null
  const at = Date.parse(iso)
  return Number.isNaN(at) ? 'invalid' : at
}

function lastUseOf(key: ApiKey, ctx: AttentionContext): LastUseBucket {
  if (!ctx.reportsLastUse) return 'unknown'
  const at = parse(key.lastUsedAt)
  if (at === null) return 'never'
  if (at === 'invalid' || at - ctx.now > FUTURE_SKEW_MS) return 'unknown'
  const idle = ctx.now - at
  if (idle >= 90 * DAY_MS) return 'over-90'
  if (idle >= 30 * DAY_MS) return '30-90'
  if (idle >= 7 * DAY_MS) return '7-30'
  return 'under-7'
}

/** Change on every resource the profile's keys can hold (and there is at least one). */
export function isBroad(key: ApiKey, resources: readonly string[]): boolean {
  return resources.length > 0 && resources.every((resource) => key.permissions[resource] === 'change')
}

/** Whether a key is older than the rotation policy allows; false when the policy is off or the date unreadable. */
export function isRotationDue(key: ApiKey, now: number, maxAgeDays: number | null): boolean {
  if (maxAgeDays === null) return false
  const created = parse(key.createdAt)
  if (created === null || created === 'invalid' || created > now) return false
  return now - created >= maxAgeDays * DAY_MS
}

/** Every rule applied to one key. */
export function keyAttention(key: ApiKey, ctx: AttentionContext): KeyAttention {
  const buckets = new Set<AttentionBucket>()
  const expires = parse(key.expiresAt)
  let expiryWeek: number | null = null
  const expired = key.status === 'expired' || (typeof expires === 'number' && expires <= ctx.now)
  if (expired) buckets.add('expired')
  if (expires === null) buckets.add('no-expiry')
  else if (expires === 'invalid') buckets.add('expiry-unknown')
  else if (!expired) {
    const left = expires - ctx.now
    if (left <= 7 * DAY_MS) buckets.add('expiring-7')
    if (left <= 30 * DAY_MS) buckets.add('expiring-30')
    const week = Math.floor((left - 1) / (7 * DAY_MS))
    if (week < EXPIRY_WEEKS) expiryWeek = week
  }
  const lastUse = lastUseOf(key, ctx)
  if (lastUse === 'never') buckets.add('never-used')
  if (lastUse === 'over-90') buckets.add('idle-90')
  if (lastUse === 'unknown') buckets.add('last-use-unknown')
  if (isBroad(key, ctx.resources)) buckets.add('broad')
  if (!expired && isRotationDue(key, ctx.now, ctx.rotationMaxAgeDays)) buckets.add('rotation-due')
  if (key.status === 'disabled') buckets.add('disabled')
  if (ctx.pendingRevocationKeyIds.has(key.id)) buckets.add('pending-revocation')
  return { buckets, lastUse, expiryWeek }
}

export function matchesFilter(attention: KeyAttention, filter: AttentionFilter): boolean {
  switch (filter.kind) {
    case 'bucket':
      return attention.buckets.has(filter.bucket)
    case 'last-use':
      return attention.lastUse === filter.bucket
    case 'expiry-week':
      return attention.expiryWeek === filter.week
  }
}

/** The keys a tile or bar stands for. */
export function keysMatching(keys: readonly ApiKey[], ctx: AttentionContext, filter: AttentionFilter): ApiKey[] {
  return keys.filter((key) => matchesFilter(keyAttention(key, ctx), filter))
}

function zeros<K extends string>(names: readonly K[]): Record<K, number> {
  return Object.fromEntries(names.map((name) => [name, 0])) as Record<K, number>
}

/** The Overview's figures for one list. */
export function summarize(keys: readonly ApiKey[], ctx: AttentionContext): AttentionSummary {
  const counts = zeros(attentionBuckets)
  const lastUse = zeros(lastUseBuckets)
  const expiriesPerWeek = Array.from({ length: EXPIRY_WEEKS }, () => 0)
  for (const key of keys) {
    const attention = keyAttention(key, ctx)
    for (const bucket of attention.buckets) counts[bucket] += 1
    lastUse[attention.lastUse] += 1
    if (attention.expiryWeek !== null)
      expiriesPerWeek[attention.expiryWeek] = (expiriesPerWeek[attention.expiryWeek] ?? 0) + 1
  }
  return { total: keys.length, counts, lastUse, expiriesPerWeek }
}

/** How a filter reads in the chip above the table. */
export function describeFilter(filter: AttentionFilter, now: number): string {
  switch (filter.kind) {
    case 'bucket':
      return bucketLabels[filter.bucket]
    case 'last-use':
      return `Last used: ${lastUseLabels[filter.bucket]}`
    case 'expiry-week': {
      const from = new Date(now + filter.week * 7 * DAY_MS).toISOString().slice(0, 10)
      return `Expiring in the week from ${from}`
    }
  }
}
