import type { ApiKey } from '@shared/domain/api-key'
import type { ResourceLabels } from './permission-chips'
import { displayedStatus } from './displayed-status'
import { isExpiringSoon, PermissionSets, toKeyView, type KeyView } from './key-view'

/**
 * The key table's views and sort orders, built as the list grows: rows that arrive later (the next
 * pages of a streamed list) are indexed alone and merged into each order already worked out, O(n)
 * per batch instead of re-indexing and re-sorting the whole list. An index is never changed once
 * made (so React sees a new one per batch); only its cache of orders fills in as columns are sorted.
 */

export type KeySortColumn = 'name' | 'permissions' | 'status' | 'expiry' | 'notes' | 'lastUsed' | 'key' | 'created'

export interface KeySort {
  column: KeySortColumn
  desc: boolean
}

export interface KeyIndex {
  /** The views, in the list's order. */
  readonly views: readonly KeyView[]
  /** Ascending order per column, missing values last; filled by `sortKeyViews`, carried by `appendKeys`. */
  readonly ascending: Map<KeySortColumn, readonly KeyView[]>
  /** "Now" for expiry: when the list was first indexed. */
  readonly now: Date
  readonly sets: PermissionSets
}

type Value = string | number | null

function statusRank(view: KeyView): number {
  if (view.status === 'active') return view.expiresSoon ? 1 : 0
  return view.status === 'disabled' ? 2 : 3
}

const valueOf: Record<KeySortColumn, (view: KeyView) => Value> = {
  name: (v) => v.sortName,
  permissions: (v) => v.permissions.sortText || null,
  status: statusRank,
  expiry: (v) => v.expiresAt,
  notes: (v) => v.notes || null,
  lastUsed: (v) => v.lastUsedAt,
  key: (v) => v.masked,
  created: (v) => v.createdAt,
}

/** Missing values last; equal values keep the newest first, then the id. */
function compare(a: KeyView, av: Value, b: KeyView, bv: Value): number {
  if (av !== bv) {
    if (av === null) return 1
    if (bv === null) return -1
    return av < bv ? -1 : 1
  }
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt
  return a.key.id < b.key.id ? -1 : a.key.id > b.key.id ? 1 : 0
}

/** `views` in ascending order of `column` (each value read once, not in every comparison). */
function sortViews(views: readonly KeyView[], column: KeySortColumn): KeyView[] {
  const read = valueOf[column]
  const values = views.map(read)
  const order = Array.from(views, (_, i) => i)
  order.sort((i, j) => compare(views[i]!, values[i]!, views[j]!, values[j]!))
  return order.map((i) => views[i]!)
}

/** Two ascending runs merged into one, O(a + b). */
function merge(a: readonly KeyView[], b: readonly KeyView[], column: KeySortColumn): KeyView[] {
  const read = valueOf[column]
  const out = new Array<KeyView>(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) {
    const x = a[i]!
    const y = b[j]!
    if (compare(y, read(y), x, read(x)) < 0) {
      out[k++] = y
      j++
    } else {
      out[k++] = x
      i++
    }
  }
  while (i < a.length) out[k++] = a[i++]!
  while (j < b.length) out[k++] = b[j++]!
  return out
}

/**
 * The views of a list. `labels`: the dialect's resource labels for the permission chips (see
 * resourceLabelsOf). `reuse`: the index of the list shown before; a key that is the very same object
 * there (see the keys store's sharing) and still shows the same status keeps its view, and the
 * orders worked out there are kept for those views, with the others merged in.
 */
export function indexKeys(keys: readonly ApiKey[], now: Date, labels?: ResourceLabels, reuse?: KeyIndex): KeyIndex {
  const shared = reuse !== undefined && (labels === undefined || reuse.sets.labels === labels)
  const sets = shared ? reuse.sets : new PermissionSets(labels ?? new Map())
  if (!shared)
    return { views: keys.map((key) => toKeyView(key, now, sets.labels, sets)), ascending: new Map(), now, sets }
  const previous = new Map(reuse.views.map((view) => [view.key, view]))
  const kept = new Set<KeyView>()
  const fresh: KeyView[] = []
  const views = keys.map((key) => {
    const old = previous.get(key)
    if (old && !kept.has(old)) {
      const status = displayedStatus(key, now)
      if (status === old.status && isExpiringSoon(key.expiresAt, status, now.getTime()) === old.expiresSoon) {
        kept.add(old)
        return old
      }
    }
    const view = toKeyView(key, now, sets.labels, sets)
    fresh.push(view)
    return view
  })
  const ascending = new Map<KeySortColumn, readonly KeyView[]>()
  for (const [column, order] of reuse.ascending) {
    const still = kept.size === order.length ? order : order.filter((view) => kept.has(view))
    ascending.set(column, fresh.length === 0 ? still : merge(still, sortViews(fresh, column), column))
  }
  return { views, ascending, now, sets }
}

/** The index with `keys` added after its own; the orders already worked out are merged, not redone. */
export function appendKeys(index: KeyIndex, keys: readonly ApiKey[]): KeyIndex {
  if (keys.length === 0) return index
  const added = keys.map((key) => toKeyView(key, index.now, index.sets.labels, index.sets))
  const ascending = new Map<KeySortColumn, readonly KeyView[]>()
  for (const [column, order] of index.ascending) ascending.set(column, merge(order, sortViews(added, column), column))
  return { views: index.views.concat(added), ascending, now: index.now, sets: index.sets }
}

function ascendingOrder(index: KeyIndex, column: KeySortColumn): readonly KeyView[] {
  const cached = index.ascending.get(column)
  if (cached) return cached
  const order = sortViews(index.views, column)
  index.ascending.set(column, order)
  return order
}

/**
 * The index's keys in the given order. Missing values (no expiry, never used, no notes) go last in
 * either direction, and keys with equal values keep the newest first, then the id. A column is
 * sorted once per list (then merged as rows arrive); the other direction is the same runs of equal
 * values in reverse, O(n). The ascending order is the index's own array: treat it as read-only.
 */
export function sortKeyViews(index: KeyIndex, sort: KeySort): readonly KeyView[] {
  const order = ascendingOrder(index, sort.column)
  if (!sort.desc) return order
  const read = valueOf[sort.column]
  const result: KeyView[] = new Array<KeyView>(order.length)
  let firstNull = order.length
  while (firstNull > 0 && read(order[firstNull - 1]!) === null) firstNull--
  let out = 0
  let runEnd = firstNull
  while (runEnd > 0) {
    let runStart = runEnd - 1
    const value = read(order[runStart]!)
    while (runStart > 0 && read(order[runStart - 1]!) === value) runStart--
    for (let i = runStart; i < runEnd; i++) result[out++] = order[i]!
    runEnd = runStart
  }
  for (let i = firstNull; i < order.length; i++) result[out++] = order[i]!
  return result
}
