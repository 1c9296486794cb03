import { create } from 'zustand'
import type { ReminderSettings, ReminderStatus } from '@shared/contracts/overview'
import type { AppErrorData } from '@shared/domain/errors'
import { invoke } from '../ipc/bridge'

interface ReminderStoreState {
  /** The reminder settings and whether notifications can be shown; null until read. */
  status: ReminderStatus | null
  error: AppErrorData | null
  load: () => Promise<void>
  apply: (status: ReminderStatus) => void
  save: (settings: ReminderSettings) => Promise<void>
}

export const useReminderStore = create<ReminderStoreState>()((set) => ({
  status: null,
  error: null,
  load: async () => {
    const result = await invoke('getReminders')
    if (result.ok) set({ status: result.value, error: null })
    else if (result.error.code !== 'CANCELLED') set({ error: result.error })
  },
  apply: (status) => set({ status }),
  save: async (settings) => {
    const result = await invoke('setReminderSettings', settings)
    if (result.ok) set({ status: result.value, error: null })
    else set({ error: result.error })
  },
}))
