import type { layoutStatusFilters } from '@shared/contracts/table'
import type { KeyView, PermissionSet } from './key-view'

/**
 * The key table's filter, kept free of React and the DOM so the benchmark runs it in Node on
 * 100,000 keys. The views (key-view.ts) and orders (key-order.ts) are worked out once per key; a
 * keystroke is one pass of `includes` over the names, masked keys and notes, with each permission
 * set looked at once per filter instead of once per key.
 */

export { EXPIRES_SOON_MS, isExpiringSoon, toKeyView, type KeyView, type PermissionSet } from './key-view'
export { appendKeys, indexKeys, sortKeyViews, type KeyIndex, type KeySort, type KeySortColumn } from './key-order'

/** The status filter's values: the contract's list, which a remembered layout is checked against. */
export type StatusFilter = (typeof layoutStatusFilters)[number]

export const statusFilters: readonly { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'disabled', label: 'Disabled' },
  { value: 'expired', label: 'Expired' },
  { value: 'expires-soon', label: 'Expires soon' },
]

export interface KeyFilter {
  /** Free text; every word must occur in the name, masked key, notes or permissions. */
  text: string
  status: StatusFilter
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

/** A filter's result, with what the next keystroke needs to start from it. */
export interface FilterResult {
  /** The rows that were filtered (sorted and narrowed). */
  source: readonly KeyView[]
  filter: KeyFilter
  terms: readonly string[]
  /** The rows that match, in their order: `source` itself when all do. */
  rows: readonly KeyView[]
  /**
   * Per row, where the last word was found: its first place in the key's own text as position * 4 +
   * field (0 name, 1 masked key, 2 notes; the first field holding it), IN_PERMISSIONS when only the
   * permissions hold it, UNCHECKED when the permissions hold it and the key's text was not looked at
   * (`refineHits` looks, in idle time). Null without words.
   */
  hits: Int32Array | null
}

const IN_PERMISSIONS = -1
const NOT_FOUND = -2
const UNCHECKED = -3

function field(view: KeyView, which: number): string {
  return which === 0 ? view.name : which === 1 ? view.masked : view.notes
}

/** Where `word` first occurs in the key's own text from (`from`, `at`) on, as a hit code; NOT_FOUND if nowhere. */
function locate(view: KeyView, word: string, from = 0, at = 0): number {
  for (let which = from; which < 3; which++) {
    const found = field(view, which).indexOf(word, which === from ? at : 0)
    if (found >= 0) return found * 4 + which
  }
  return NOT_FOUND
}

/** One pass over `views`. */
function filterPass(source: readonly KeyView[], views: readonly KeyView[], filter: KeyFilter): FilterResult {
  const terms = filterTerms(filter.text)
  const status = filter.status
  if (terms.length === 0) {
    const rows = status === 'all' ? views : views.filter((view) => statusMatches(view, status))
    return { source, filter, terms, rows: rows.length === source.length ? source : rows, hits: null }
  }
  const last = terms[terms.length - 1]!
  const earlier = terms.slice(0, -1)
  // Per permission set (a handful per list): the other words its text does not hold (the key's own
  // name, masked key or notes must hold them), and whether it holds the last one.
  const bySet = new Map<PermissionSet, { words: readonly string[]; last: boolean }>()
  const rows: KeyView[] = []
  const hits = new Int32Array(views.length)
  // Plain loops: this runs on keystrokes over up to 100,000 keys.
  outer: for (let i = 0; i < views.length; i++) {
    const view = views[i]!
    if (status !== 'all' && !statusMatches(view, status)) continue
    let set = bySet.get(view.permissions)
    if (set === undefined) {
      const search = view.permissions.search
      set = { words: earlier.filter((word) => !search.includes(word)), last: search.includes(last) }
      bySet.set(view.permissions, set)
    }
    for (let t = 0; t < set.words.length; t++) {
      const word = set.words[t]!
      if (!view.name.includes(word) && !view.masked.includes(word) && !view.notes.includes(word)) continue outer
    }
    const hit = set.last ? UNCHECKED : locate(view, last)
    if (hit === NOT_FOUND) continue
    hits[rows.length] = hit
    rows.push(view)
  }
  // Nothing filtered out: the same array, so nothing downstream lays the rows out again.
  return {
    source,
    filter,
    terms,
    rows: rows.length === source.length ? source : rows,
    hits: hits.subarray(0, rows.length),
  }
}

/** Whether `next` is `previous` with more typed at the end of its last word (and the same words before it). */
function extendsLastWord(next: readonly string[], previous: readonly string[]): boolean {
  if (next.length !== previous.length || next.length === 0) return false
  for (let t = 0; t < next.length - 1; t++) if (next[t] !== previous[t]) return false
  const word = next[next.length - 1]!
  const before = previous[previous.length - 1]!
  return word.length > before.length && word.startsWith(before)
}

/**
 * The last word grew: each row of the previous result is checked where that word was found, a few
 * character comparisons instead of a search (only a row whose hit no longer extends is searched
 * again, from that place on: the longer word cannot occur earlier than the shorter one did).
 */
function extendLastWord(previous: FilterResult, filter: KeyFilter, terms: readonly string[]): FilterResult {
  const word = terms[terms.length - 1]!
  const from = previous.terms[previous.terms.length - 1]!.length
  const hitsBefore = previous.hits!
  const before = previous.rows
  const inSet = new Map<PermissionSet, boolean>()
  const setHolds = (set: PermissionSet): boolean => {
    let holds = inSet.get(set)
    if (holds === undefined) inSet.set(set, (holds = set.search.includes(word)))
    return holds
  }
  // The rows kept are `before`'s own until the first one is dropped (typing often keeps them all).
  let rows: KeyView[] | null = null
  let kept = 0
  const hits = new Int32Array(before.length)
  for (let i = 0; i < before.length; i++) {
    const view = before[i]!
    let hit = hitsBefore[i]!
    if (hit === UNCHECKED) {
      if (!setHolds(view.permissions)) hit = locate(view, word)
    } else if (hit === IN_PERMISSIONS) {
      // The key's own text did not hold the shorter word, so it cannot hold this one.
      if (!setHolds(view.permissions)) hit = NOT_FOUND
    } else {
      const which = hit & 3
      const at = hit >> 2
      const text = field(view, which)
      for (let k = from; k < word.length; k++) {
        if (text.charCodeAt(at + k) !== word.charCodeAt(k)) {
          hit = locate(view, word, which, at + 1)
          if (hit === NOT_FOUND && setHolds(view.permissions)) hit = IN_PERMISSIONS
          break
        }
      }
    }
    if (hit === NOT_FOUND) {
      rows ??= before.slice(0, i)
      continue
    }
    hits[kept++] = hit
    rows?.push(view)
  }
  return { source: previous.source, filter, terms, rows: rows ?? before, hits: hits.subarray(0, kept) }
}

/**
 * Looks in the key's own text of the rows whose last word was found in their permissions alone, so
 * the next letter typed is a few comparisons for them too; for idle time between keystrokes. The
 * result's rows do not change. Returns false when there was nothing to do.
 */
export function refineHits(result: FilterResult): boolean {
  const hits = result.hits
  if (hits === null || !hits.includes(UNCHECKED)) return false
  const word = result.terms[result.terms.length - 1]!
  for (let i = 0; i < hits.length; i++) {
    if (hits[i] !== UNCHECKED) continue
    const hit = locate(result.rows[i]!, word)
    hits[i] = hit === NOT_FOUND ? IN_PERMISSIONS : hit
  }
  return true
}

/**
 * Filters `source`, starting from `previous` where it can: one more letter typed checks only the
 * previous result's rows where the word was found; a filter that narrows the previous one searches
 * its result; anything else searches `source`.
 */
export function filterFrom(previous: FilterResult | null, source: readonly KeyView[], filter: KeyFilter): FilterResult {
  const same = previous !== null && previous.source === source
  if (same && previous.hits !== null && previous.filter.status === filter.status) {
    const terms = filterTerms(filter.text)
    if (extendsLastWord(terms, previous.terms)) return extendLastWord(previous, filter, terms)
  }
  return filterPass(source, same && narrowsFilter(filter, previous.filter) ? previous.rows : source, filter)
}

/** The views that match, in their order (so filtering a sorted list keeps it sorted); `views` itself when all do. */
export function filterKeyViews(views: readonly KeyView[], filter: KeyFilter): readonly KeyView[] {
  return filterPass(views, views, filter).rows
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
