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

/** Above this many places to try, `find` leaves the search to `indexOf`. */
const SHORT_SEARCH = 24

/**
 * `text.indexOf(word, start)`. A field is short (a name, a masked key), so where the word fits in
 * only a few places this compares their first character in line and calls no search at all for
 * most keys; a field too short to hold the word from `start` is not searched.
 */
function find(text: string, word: string, start: number): number {
  const last = text.length - word.length
  if (start > last) return -1
  if (last - start > SHORT_SEARCH) return text.indexOf(word, start)
  const first = word.charCodeAt(0)
  for (let at = start; at <= last; at++) if (text.charCodeAt(at) === first && text.startsWith(word, at)) return at
  return -1
}

/** Where `word` first occurs in the key's own text from (`from`, `at`) on, as a hit code; NOT_FOUND if nowhere. */
function locate(view: KeyView, word: string, from = 0, at = 0): number {
  for (let which = from; which < 3; which++) {
    const found = find(field(view, which), word, which === from ? at : 0)
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

/** Whether `text` holds `word` at `at`, given that it holds the word's first `from` characters there. */
function extendsAt(text: string, word: string, at: number, from: number): boolean {
  if (text.length - at < word.length) return false
  for (let k = from; k < word.length; k++) if (text.charCodeAt(at + k) !== word.charCodeAt(k)) return false
  return true
}

/**
 * Pass 1 of `extendLastWord`: each row is checked where the shorter word was found, and the rows that
 * need more than that are listed in `recheck` (written for every row, counted only for those). Returns
 * how many. Every row takes the same steps, so a keystroke where most rows stop matching runs this
 * loop as fast as one where none does.
 */
function checkInPlace(
  rows: readonly KeyView[],
  hits: Int32Array,
  word: string,
  from: number,
  recheck: Int32Array,
): number {
  let count = 0
  for (let i = 0; i < rows.length; i++) {
    const hit = hits[i]!
    const holds = hit >= 0 && extendsAt(field(rows[i]!, hit & 3), word, hit >> 2, from)
    recheck[count] = i
    count += holds ? 0 : 1
  }
  return count
}

/** Whether a permission set holds `word`, each set looked at once per keystroke (`known`). */
function setHolds(known: Map<PermissionSet, boolean>, set: PermissionSet, word: string): boolean {
  let holds = known.get(set)
  if (holds === undefined) known.set(set, (holds = set.search.includes(word)))
  return holds
}

/**
 * Pass 2: the listed rows are searched again, from where the shorter word was on (the longer word
 * cannot occur earlier than the shorter one did), or looked up in their permission set. Their hits
 * are updated in place, NOT_FOUND for a row that no longer matches. Returns how many no longer match.
 */
function searchAgain(
  rows: readonly KeyView[],
  hits: Int32Array,
  recheck: Int32Array,
  count: number,
  word: string,
): number {
  const inSet = new Map<PermissionSet, boolean>()
  let dropped = 0
  for (let j = 0; j < count; j++) {
    const i = recheck[j]!
    const view = rows[i]!
    const hit = hits[i]!
    let next: number
    if (hit === UNCHECKED) next = setHolds(inSet, view.permissions, word) ? UNCHECKED : locate(view, word)
    // The key's own text did not hold the shorter word, so it cannot hold this one.
    else if (hit === IN_PERMISSIONS) next = setHolds(inSet, view.permissions, word) ? IN_PERMISSIONS : NOT_FOUND
    else {
      next = locate(view, word, hit & 3, (hit >> 2) + 1)
      if (next === NOT_FOUND && setHolds(inSet, view.permissions, word)) next = IN_PERMISSIONS
    }
    hits[i] = next
    dropped += next === NOT_FOUND ? 1 : 0
  }
  return dropped
}

/** Pass 3: the rows (and their hits) that still match, in their order. */
function dropUnmatched(rows: readonly KeyView[], hits: Int32Array): FilterResult['rows'] {
  const kept: KeyView[] = []
  for (let i = 0; i < rows.length; i++) {
    const hit = hits[i]!
    if (hit === NOT_FOUND) continue
    hits[kept.length] = hit
    kept.push(rows[i]!)
  }
  return kept
}

/**
 * The last word grew: each row of the previous result is checked where that word was found, a few
 * character comparisons instead of a search; only the rows where it no longer extends are searched
 * again, then the rows that no longer match are dropped. Three plain loops, each doing one thing:
 * when the rare case (a row that stops matching) lived in the common case's loop, the keystroke where
 * it first came often (99,999 → 10,000 rows) met compiled code that had never seen it, and the engine
 * finished that loop in slower code.
 */
function extendLastWord(previous: FilterResult, filter: KeyFilter, terms: readonly string[]): FilterResult {
  const word = terms[terms.length - 1]!
  const from = previous.terms[previous.terms.length - 1]!.length
  const before = previous.rows
  const hits = previous.hits!.slice()
  const recheck = new Int32Array(before.length)
  const count = checkInPlace(before, hits, word, from, recheck)
  const dropped = count === 0 ? 0 : searchAgain(before, hits, recheck, count, word)
  // Nothing dropped: the same array, so nothing downstream lays the rows out again.
  const rows = dropped === 0 ? before : dropUnmatched(before, hits)
  return { source: previous.source, filter, terms, rows, hits: hits.subarray(0, rows.length) }
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
