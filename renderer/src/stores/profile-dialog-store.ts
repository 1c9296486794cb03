import { create } from 'zustand'
import type { ProfileSummary } from '@shared/domain/profile'

/** What the Profiles dialog shows: the list, the add/edit form, or the remove confirmation. */
export type ProfileDialogView =
  /** `returnFocusTo`: the profile whose Edit button gets focus when coming back from its form or confirmation. */
  | { kind: 'list'; returnFocusTo?: string }
  | { kind: 'form'; profileId: string | null }
  /** Carries the profile itself: it leaves the list while its removal is still being confirmed by main. */
  | { kind: 'remove'; profileId: string; profile: ProfileSummary }

export interface ProfileDialogState {
  /** null while the dialog is closed. */
  view: ProfileDialogView | null
  /** Opened straight on the form (no list behind it): leaving the form closes the dialog. */
  formOnly: boolean
}

export interface ProfileDialogActions {
  openList: () => void
  /** Opens the Add profile form, from the list or straight from a screen (then leaving it closes the dialog). */
  openAdd: () => void
  openEdit: (profileId: string) => void
  confirmRemove: (profile: ProfileSummary) => void
  /** One step back: form or confirmation → list (or closed), list → closed. */
  back: () => void
  close: () => void
}

export const useProfileDialogStore = create<ProfileDialogState & ProfileDialogActions>()((set, get) => ({
  view: null,
  formOnly: false,

  openList: () => set({ view: { kind: 'list' }, formOnly: false }),
  openAdd: () => set({ view: { kind: 'form', profileId: null }, formOnly: get().view === null }),
  openEdit: (profileId) => set({ view: { kind: 'form', profileId }, formOnly: get().view === null }),
  confirmRemove: (profile) => set({ view: { kind: 'remove', profileId: profile.id, profile } }),
  back: () => {
    const { view, formOnly } = get()
    if (view === null || view.kind === 'list' || (view.kind === 'form' && formOnly))
      set({ view: null, formOnly: false })
    else set({ view: { kind: 'list', returnFocusTo: view.profileId ?? undefined } })
  },
  close: () => set({ view: null, formOnly: false }),
}))
