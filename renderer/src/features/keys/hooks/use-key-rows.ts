import { useEffect, useMemo, useRef } from 'react'
import type { KeyList } from '@shared/domain/api-key'
import {
  appendKeys,
  filterFrom,
  indexKeys,
  refineHits,
  sortKeyViews,
  type FilterResult,
  type KeyFilter,
  type KeyIndex,
  type KeySort,
  type KeyView,
} from '../key-filter'
import type { ResourceLabels } from '../permission-chips'
import { useAttentionNarrowing } from '../../overview/use-attention-narrowing'

const NO_ROWS: readonly KeyView[] = []

interface Indexed {
  list: KeyList
  labels: ResourceLabels
  index: KeyIndex
}

/** Whether `next` is `previous` with rows added at the end (the next batch of a streamed load). */
function grows(next: KeyList, previous: KeyList): boolean {
  if (next.profileId !== previous.profileId || next.accountId !== previous.accountId) return false
  const had = previous.keys.length
  if (next.keys.length < had) return false
  return had === 0 || (next.keys[0] === previous.keys[0] && next.keys[had - 1] === previous.keys[had - 1])
}

/**
 * The key table's rows: the list indexed, sorted, narrowed to the Overview's filter and filtered.
 * A list that grew (a streamed load's next batch) has only its new rows indexed and merged into the
 * order on screen; a list that replaced it keeps the views of keys that are the same objects (the
 * keys store shares unchanged keys between a list and the one replacing it).
 */
export function useKeyRows(
  list: KeyList | null,
  labels: ResourceLabels,
  sort: KeySort,
  filter: KeyFilter,
): readonly KeyView[] {
  const indexed = useRef<Indexed | null>(null)
  const index = useMemo(() => {
    const last = indexed.current
    if (!list) {
      indexed.current = null
      return null
    }
    const sameScope = last !== null && last.list.profileId === list.profileId && last.list.accountId === list.accountId
    let next: KeyIndex
    if (last && last.labels === labels && grows(list, last.list))
      next = appendKeys(last.index, list.keys.slice(last.list.keys.length))
    // "Now" for expiry is when the list was read; a reload brings it up to date.
    else next = indexKeys(list.keys, new Date(), labels, sameScope && last.labels === labels ? last.index : undefined)
    indexed.current = { list, labels, index: next }
    return next
  }, [list, labels])

  const { column: sortColumn, desc: sortDesc } = sort
  const sorted = useMemo(
    () => (index ? sortKeyViews(index, { column: sortColumn, desc: sortDesc }) : NO_ROWS),
    [index, sortColumn, sortDesc],
  )
  // The Overview's filter (a tile, a bar or a reminder): only the keys it stands for.
  const narrowed = useAttentionNarrowing(sorted, list?.profileId)

  // Each keystroke starts from the previous result where it can (see filterFrom).
  const previous = useRef<FilterResult | null>(null)
  const { text, status } = filter
  const result = useMemo(() => {
    const next = filterFrom(previous.current, narrowed, { text, status })
    previous.current = next
    return next
  }, [narrowed, text, status])
  // Between keystrokes, get the next one ready (see refineHits).
  useEffect(() => {
    const idle = requestIdleCallback(() => refineHits(result), { timeout: 100 })
    return () => cancelIdleCallback(idle)
  }, [result])
  return result.rows
}
