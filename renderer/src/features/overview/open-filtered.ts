import type { AttentionFilter } from '@shared/domain/attention'
import { useAttentionFilterStore } from '../../stores/attention-filter-store'
import { useViewStore } from '../../stores/view-store'

/** Opens the key table filtered to exactly the keys a tile, a bar or a reminder stands for. */
export function openFiltered(profileId: string, filter: AttentionFilter, at: number, keyIds?: readonly string[]): void {
  useAttentionFilterStore.getState().apply({ profileId, filter, at, ...(keyIds ? { keyIds } : {}) })
  useViewStore.getState().show('keys')
}
