import { useMemo } from 'react'
import type { ApiKey } from '@shared/domain/api-key'
import { keyAttention, matchesFilter } from '@shared/domain/attention'
import { useAttentionFilterStore } from '../../stores/attention-filter-store'
import { useAttentionContext } from './use-attention-context'

/**
 * The key table's Overview filter step: only the keys the clicked tile, bar or reminder stands for.
 * Rows pass through untouched when no filter is set, or it was set for another profile.
 */
export function useAttentionNarrowing<Row extends { key: ApiKey }>(
  rows: readonly Row[],
  profileId: string | undefined,
): readonly Row[] {
  const active = useAttentionFilterStore((s) => s.active)
  const applies = active !== null && active.profileId === profileId
  const context = useAttentionContext(profileId, applies ? active.at : undefined)
  return useMemo(() => {
    if (!applies) return rows
    if (active.keyIds) {
      const ids = new Set(active.keyIds)
      return rows.filter((row) => ids.has(row.key.id))
    }
    if (!context) return rows
    return rows.filter((row) => matchesFilter(keyAttention(row.key, context), active.filter))
  }, [rows, applies, active, context])
}
