import { create } from 'zustand'
import type { DialectInfo } from '@shared/domain/capabilities'
import type { AppErrorData } from '@shared/domain/errors'
import { invoke } from '../ipc/bridge'

export interface DialectsStoreState {
  /** The dialects main knows, with what each can do; null until listDialects answers. */
  list: readonly DialectInfo[] | null
  loading: boolean
  error: AppErrorData | null
}

export interface DialectsActions {
  /** Reads the list once; later calls reuse it (it cannot change while the app runs). */
  loadDialects: () => Promise<void>
}

export const useDialectsStore = create<DialectsStoreState & DialectsActions>()((set, get) => ({
  list: null,
  loading: false,
  error: null,

  loadDialects: async () => {
    if (get().list !== null || get().loading) return
    set({ loading: true, error: null })
    const result = await invoke('listDialects')
    if (result.ok) set({ list: result.value, loading: false })
    else set({ loading: false, error: result.error })
  },
}))
