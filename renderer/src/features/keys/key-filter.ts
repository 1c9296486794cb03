import type { ApiKey, KeyStatus } from '@shared/domain/api-key'
import { displayedStatus } from './displayed-status'
import { permissionChips, type PermissionChip, type ResourceLabels } from './permission-chips'

/**
 * The key table's filter and sort pipeline, kept free of React and the DOM so the benchmark runs
 * it in Node on 100,000 keys. Everything a keystroke or a header click needs is computed once per
 * list (`indexKeys`), so filtering is one pass of `includes`, and each column is sorted once per list.
 */

/** A key expiring within this long (and not expired yet) carries the "Expires soon" badge. */
export const EXPIRES_SOON_MS = 7 * 24 * 60 * 60 * 1000

export type KeySortColumn = 'name' | 'permissions' | 'status' | 'expiry' | 'notes' | 'lastUsed' | 'key' | 'created'
export type StatusFilter = 'all' | 'active' | 'disabled' | 'expired' | 'expires-soon'

export const statusFilters: readonly { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'disabled', label: 'Disabled' },
  { value: 'expired', label: 'Expired' },
  { value: 'expires-soon', label: 'Expires soon' },
]

export interface KeySort {
  column: KeySortColumn
  desc: boolean
}

export interface KeyFilter {
  /** Free text; every word must occur in the name, masked key, notes or permissions. */
  text: string
  status: StatusFilter
}

/** One key with what the table shows, filters and sorts on, computed once per list. */
export interface KeyView {
  key: ApiKey
  status: KeyStatus
  expiresSoon: boolean
  /** The permission column's chips; keys with the same permissions share one array. */
  chips: readonly PermissionChip[]
  /** Lower-cased name, masked key, notes and permissions. */
  search: string
  sortName: string
  sortPermissions: string
  /** Empty for no notes; sorts last. */
  sortNotes: string
  sortKey: string
  expiresAt: number | null
  lastUsedAt: number | null
  createdAt: number
}

/** Whether an unexpired key expires within a week of `now`. */
export function isExpiringSoon(expiresAt: string | null, status: KeyStatus, now: number): boolean {
  if (expiresAt === null || status === 'expired') return false
  const at = Date.parse(expiresAt)
  return !Number.isNaN(at) && at > now && at - now <= EXPIRES_SOON_MS
}

function time(iso: string | null): number | null {
  if (iso === null) return null
  const at = Date.parse(iso)
  return Number.isNaN(at) ? null : at
}

// "key-9" before "key-10": digit runs are padded so plain string comparison orders them by value.
function naturalKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(12, '0'))
}

const NO_LABELS: ResourceLabels = new Map()

// Many keys share one set of permissions: their chips and chip text are worked out once per set.
interface PermissionCache {
  labels: ResourceLabels
  sets: Map<string, { chips: readonly PermissionChip[]; text: string }>
}

function newPermissionCache(labels: ResourceLabels): PermissionCache {
  return { labels, sets: new Map() }
}

function permissionsOf(key: ApiKey, cache: PermissionCache): { chips: readonly PermissionChip[]; text: string } {
  let signature = key.nativePermissions.join(',') + '|'
  for (const resource in key.permissions) signature += `${resource}=${key.permissions[resource]};`
  let entry = cache.sets.get(signature)
  if (entry === undefined) {
    const chips = permissionChips(key, cache.labels)
    entry = { chips, text: chips.map((chip) => chip.text).join(', ') }
    cache.sets.set(signature, entry)
  }
  return entry
}

export function toKeyView(
  key: ApiKey,
  now: Date,
  labels: ResourceLabels = NO_LABELS,
  cache: PermissionCache = newPermissionCache(labels),
): KeyView {
  const status = displayedStatus(key, now)
  const { chips, text: permissionText } = permissionsOf(key, cache)
  const notes = key.notes ?? ''
  return {
    key,
    status,
    expiresSoon: isExpiringSoon(key.expiresAt, status, now.getTime()),
    chips,
    search:
      `${key.name}\n${key.maskedKey}\n${notes}\n${permissionText}\n${key.nativePermissions.join(' ')}`.toLowerCase(),
    sortName: naturalKey(key.name),
    sortPermissions: permissionText.toLowerCase(),
    sortNotes: notes.toLowerCase(),
    sortKey: key.maskedKey.toLowerCase(),
    expiresAt: time(key.expiresAt),
    lastUsedAt: time(key.lastUsedAt),
    createdAt: time(key.createdAt) ?? 0,
  }
}

/** The views of one list, with each column's order worked out the first time it is sorted on. */
export interface KeyIndex {
  readonly views: readonly KeyView[]
  /** Ascending order per column, missing values last; filled by `sortKeyViews`. */
  readonly ascending: Map<KeySortColumn, readonly Sorted[]>
}

interface Sorted {
  view: KeyView
  value: Value
}

/** `labels`: the dialect's resource labels for the permission chips (see resourceLabelsOf). */
export function indexKeys(keys: readonly ApiKey[], now: Date, labels: ResourceLabels = NO_LABELS): KeyIndex {
  const cache = newPermissionCache(labels)
  return { views: keys.map((key) => toKeyView(key, now, labels, cache)), ascending: new Map() }
}

function statusRank(view: KeyView): number {
  if (view.status === 'active') return view.expiresSoon ? 1 : 0
  return view.status === 'disabled' ? 2 : 3
}

type Value = string | number | null
const valueOf: Record<KeySortColumn, (view: KeyView) => Value> = {
  name: (v) => v.sortName,
  permissions: (v) => v.sortPermissions || null,
  status: statusRank,
  expiry: (v) => v.expiresAt,
  notes: (v) => v.sortNotes || null,
  lastUsed: (v) => v.lastUsedAt,
  key: (v) => v.sortKey,
  created: (v) => v.createdAt,
}

function ascendingOrder(index: KeyIndex, column: KeySortColumn): readonly Sorted[] {
  const cached = index.ascending.get(column)
  if (cached) return cached
  const read = valueOf[column]
  // Reading each value once beats calling `read` in every one of the n log n comparisons.
  const decorated: Sorted[] = index.views.map((view) => ({ view, value: read(view) }))
  decorated.sort((a, b) => {
    if (a.value !== b.value) {
      if (a.value === null) return 1
      if (b.value === null) return -1
      return a.value < b.value ? -1 : 1
    }
    if (a.view.createdAt !== b.view.createdAt) return b.view.createdAt - a.view.createdAt
    return a.view.key.id < b.view.key.id ? -1 : a.view.key.id > b.view.key.id ? 1 : 0
  })
  index.ascending.set(column, decorated)
  return decorated
}

/**
 * The index's keys in the given order. Missing values (no expiry, never used, no notes) go last in
 * either direction, and keys with equal values keep the newest first, then the id. A column is
 * sorted once per list; the other direction is the same runs of equal values in reverse, O(n).
 */
export function sortKeyViews(index: KeyIndex, sort: KeySort): KeyView[] {
  const order = ascendingOrder(index, sort.column)
  const result: KeyView[] = new Array<KeyView>(order.length)
  if (!sort.desc) {
    for (let i = 0; i < order.length; i++) result[i] = order[i]!.view
    return result
  }
  let firstNull = order.length
  while (firstNull > 0 && order[firstNull - 1]!.value === null) firstNull--
  let out = 0
  let runEnd = firstNull
  while (runEnd > 0) {
    let runStart = runEnd - 1
    const value = order[runStart]!.value
    while (runStart > 0 && order[runStart - 1]!.value === value) runStart--
    for (let i = runStart; i < runEnd; i++) result[out++] = order[i]!.view
    runEnd = runStart
  }
  for (let i = firstNull; i < order.length; i++) result[out++] = order[i]!.view
  return result
}

function statusMatches(view: KeyView, status: StatusFilter): boolean {
  switch (status) {
    case 'all':
      return true
    case 'expires-soon':
      return view.expiresSoon
    default:
      return view.status === status
  }
}

/** The words of a filter text, lower-cased; empty when it filters nothing. */
export function filterTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean)
}

/** The views that match, in their order (so filtering a sorted list keeps it sorted). */
export function filterKeyViews(views: readonly KeyView[], filter: KeyFilter): readonly KeyView[] {
  const terms = filterTerms(filter.text)
  const status = filter.status
  if (terms.length === 0 && status === 'all') return views
  const matches: KeyView[] = []
  // Plain loops: this runs on every keystroke over up to 100,000 keys.
  outer: for (let i = 0; i < views.length; i++) {
    const view = views[i]!
    if (status !== 'all' && !statusMatches(view, status)) continue
    for (let t = 0; t < terms.length; t++) if (!view.search.includes(terms[t]!)) continue outer
    matches.push(view)
  }
  return matches
}

/**
 * Whether every key matching `next` also matches `previous`, so `next` can filter `previous`'s
 * result instead of the whole list: typing one more letter, or narrowing All to one status.
 */
export function narrowsFilter(next: KeyFilter, previous: KeyFilter): boolean {
  if (previous.status !== 'all' && previous.status !== next.status) return false
  const nextTerms = filterTerms(next.text)
  return filterTerms(previous.text).every((old) => nextTerms.some((term) => term.includes(old)))
}
