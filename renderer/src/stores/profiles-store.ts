import { create } from 'zustand'
import type { AppErrorData, Result } from '@shared/domain/errors'
import type { ProfileInput, ProfileSummary } from '@shared/domain/profile'
import type { ProfilesOverview } from '@shared/domain/session'
import { invoke } from '../ipc/bridge'
import { newestWins } from '../lib/newest-wins'
import { useSessionStore } from './session-store'

export type ProfileEntry = ProfilesOverview['profiles'][number]

export interface ProfilesStoreState {
  /** null until the first listProfiles answers (or main pushes a list). */
  overview: ProfilesOverview | null
  /** The profile being switched to, while selectProfile runs. */
  selectingProfileId: string | null
  /** The last failed listProfiles or selectProfile; cleared when the next one starts. */
  error: AppErrorData | null
}

export interface ProfilesActions {
  loadProfiles: () => Promise<void>
  /** Applies a list pushed by main. */
  applyProfiles: (overview: ProfilesOverview) => void
  selectProfile: (profileId: string) => Promise<void>
  /** Adds or edits a profile; the form shows the result's errors. */
  saveProfile: (input: ProfileInput) => Promise<Result<ProfileSummary>>
  removeProfile: (profileId: string) => Promise<Result<ProfilesOverview>>
}

// A push from main is newer than any listProfiles still in flight, so it wins.
const latest = newestWins()

export const useProfilesStore = create<ProfilesStoreState & ProfilesActions>()((set, get) => ({
  overview: null,
  selectingProfileId: null,
  error: null,

  loadProfiles: async () => {
    const current = latest.begin()
    const result = await invoke('listProfiles')
    if (!current()) return
    if (result.ok) set({ overview: result.value, error: null })
    else set({ error: result.error })
  },

  applyProfiles: (overview) => {
    latest.invalidate()
    set({ overview })
  },

  selectProfile: async (profileId) => {
    if (useSessionStore.getState().session?.profile.id === profileId) return
    set({ selectingProfileId: profileId, error: null })
    const result = await invoke('selectProfile', { profileId })
    if (get().selectingProfileId !== profileId) return // a later switch superseded this one
    if (!result.ok) {
      set({ selectingProfileId: null, error: result.error })
      return
    }
    useSessionStore.getState().applySession(result.value)
    const overview = get().overview
    set({
      selectingProfileId: null,
      overview: overview ? { ...overview, activeProfileId: result.value.profile.id } : overview,
    })
  },

  saveProfile: async (input) => {
    const nothingActive = get().overview?.activeProfileId === null
    const result = await invoke('saveProfile', input)
    if (result.ok) {
      // The first profile after all were removed: show it rather than an empty app.
      if (nothingActive) void get().selectProfile(result.value.id)
      // Main pushes profilesChanged too; reading the list again covers a main that does not.
      void get().loadProfiles()
      if (useSessionStore.getState().session?.profile.id === result.value.id)
        void useSessionStore.getState().loadSession()
    }
    return result
  },

  removeProfile: async (profileId) => {
    const wasShown = useSessionStore.getState().session?.profile.id === profileId
    const result = await invoke('removeProfile', { profileId })
    if (!result.ok) return result
    get().applyProfiles(result.value)
    // Main picked the next active profile; show its session.
    if (wasShown && result.value.activeProfileId !== null) void useSessionStore.getState().loadSession()
    return result
  },
}))

/** The overview's entry for one profile, if main listed it. */
export function profileEntry(overview: ProfilesOverview | null, profileId: string): ProfileEntry | undefined {
  return overview?.profiles.find((entry) => entry.profile.id === profileId)
}
