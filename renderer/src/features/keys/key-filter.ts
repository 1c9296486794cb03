import type { KeyView, PermissionSet } from './key-view'

/**
 * The key table's filter, kept free of React and the DOM so the benchmark runs it in Node on
 * 100,000 keys. The views (key-view.ts) and orders (key-order.ts) are worked out once per key; a
 * keystroke is one pass of `includes` over the names, masked keys and notes, with each permission
 * set looked at once per filter instead of once per key.
 */

export { EXPIRES_SOON_MS, isExpiringSoon, toKeyView, type KeyView, type PermissionSet } from './key-view'
export { appendKeys, indexKeys, sortKeyViews, type KeyIndex, type KeySort, type KeySortColumn } from './key-order'

export type StatusFilter = 'all' | 'active' | 'disabled' | 'expired' | 'expires-soon'

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

const NONE: readonly string[] = []

/** The views that match, in their order (so filtering a sorted list keeps it sorted); `views` itself when all do. */
export function filterKeyViews(views: readonly KeyView[], filter: KeyFilter): readonly KeyView[] {
  const terms = filterTerms(filter.text)
  const status = filter.status
  if (terms.length === 0 && status === 'all') return views
  // Per permission set (a handful per list): the words its text does not hold, which the key's own
  // name, masked key or notes must then hold.
  const left = new Map<PermissionSet, readonly string[]>()
  const leftFor = (set: PermissionSet): readonly string[] => {
    let words = left.get(set)
    if (words === undefined) {
      const missing = terms.filter((term) => !set.search.includes(term))
      words = missing.length === 0 ? NONE : missing
      left.set(set, words)
    }
    return words
  }
  const matches: KeyView[] = []
  // Plain loops: this runs on every keystroke over up to 100,000 keys.
  outer: for (let i = 0; i < views.length; i++) {
    const view = views[i]!
    if (status !== 'all' && !statusMatches(view, status)) continue
    const words = terms.length === 0 ? NONE : leftFor(view.permissions)
    for (let t = 0; t < words.length; t++) {
      const word = words[t]!
      if (!view.name.includes(word) && !view.masked.includes(word) && !view.notes.includes(word)) continue outer
    }
    matches.push(view)
  }
  // Nothing filtered out: the same array, so nothing downstream lays the rows out again.
  return matches.length === views.length ? views : matches
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
