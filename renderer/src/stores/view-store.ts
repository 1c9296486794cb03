import { create } from 'zustand'

/** The views of a signed-in window. Each feature adds its own; the header's navigation switches between them. */
export type AppView = 'keys' | 'overview' | 'all-profiles' | 'identify'

export interface ViewState {
  view: AppView
  show: (view: AppView) => void
}

export const useViewStore = create<ViewState>()((set) => ({
  view: 'keys',
  show: (view) => set({ view }),
}))
