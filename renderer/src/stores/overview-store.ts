import { create } from 'zustand'
import type { RotationMaxAgeDays } from '@shared/contracts/overview'
import type { ProfileAttention } from '@shared/contracts/overview'
import type { AppErrorData } from '@shared/domain/errors'
import { invoke } from '../ipc/bridge'
import { newestWins } from '../lib/newest-wins'

export interface OverviewStoreState {
  /** Each profile's rotation policy (maximum key age in days, null when off), as the core stores it. */
  rotationPolicies: Readonly<Record<string, RotationMaxAgeDays | null>>
  /** The "All profiles" figures, computed by the core. */
  profiles: ProfileAttention[] | null
  loadingProfiles: boolean
  error: AppErrorData | null
}

export interface OverviewActions {
  loadRotationPolicy: (profileId: string) => Promise<void>
  setRotationPolicy: (profileId: string, maxAgeDays: RotationMaxAgeDays | null) => Promise<void>
  loadAllProfiles: () => Promise<void>
}

const latestProfiles = newestWins()

export const useOverviewStore = create<OverviewStoreState & OverviewActions>()((set) => ({
  rotationPolicies: {},
  profiles: null,
  loadingProfiles: false,
  error: null,

  loadRotationPolicy: async (profileId) => {
    const result = await invoke('getRotationPolicy', { profileId })
    if (result.ok) set((s) => ({ rotationPolicies: { ...s.rotationPolicies, [profileId]: result.value.maxAgeDays } }))
    else if (result.error.code !== 'CANCELLED') set({ error: result.error })
  },

  setRotationPolicy: async (profileId, maxAgeDays) => {
    const result = await invoke('setRotationPolicy', { profileId, maxAgeDays })
    if (result.ok)
      set((s) => ({ rotationPolicies: { ...s.rotationPolicies, [profileId]: result.value.maxAgeDays }, error: null }))
    else set({ error: result.error })
  },

  loadAllProfiles: async () => {
    const current = latestProfiles.begin()
    set({ loadingProfiles: true })
    const result = await invoke('attentionOfProfiles')
    if (!current()) return
    if (result.ok) set({ profiles: result.value, loadingProfiles: false, error: null })
    else set({ loadingProfiles: false, error: result.error.code === 'CANCELLED' ? null : result.error })
  },
}))
