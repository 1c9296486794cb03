import { create } from 'zustand'
import type { AttentionFilter } from '@shared/domain/attention'

/**
 * The Overview's filter on the key table: set by a tile, a bar or a clicked reminder, shown as a
 * removable chip above the table. `at` is the moment the figures were computed, so the table shows
 * exactly the keys the tile counted; `profileId` keeps it from applying to another profile's list.
 */
export interface ActiveAttentionFilter {
  profileId: string
  filter: AttentionFilter
  at: number
  /** Set when a reminder names the keys itself (they may since have changed bucket). */
  keyIds?: readonly string[]
}

interface AttentionFilterState {
  active: ActiveAttentionFilter | null
  apply: (active: ActiveAttentionFilter) => void
  clear: () => void
}

export const useAttentionFilterStore = create<AttentionFilterState>()((set) => ({
  active: null,
  apply: (active) => set({ active }),
  clear: () => set({ active: null }),
}))
