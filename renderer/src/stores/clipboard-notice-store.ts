import { create } from 'zustand'
import type { ClipboardNotice } from '@shared/contract'
import { subscribe } from '@renderer/ipc/bridge'

export interface ClipboardNoticeState {
  /** The last thing the user must know about a secret Keywarden copied; null once dismissed. */
  notice: ClipboardNotice | null
  show: (notice: ClipboardNotice) => void
  dismiss: () => void
}

export const useClipboardNoticeStore = create<ClipboardNoticeState>()((set) => ({
  notice: null,
  show: (notice) => set({ notice }),
  dismiss: () => set({ notice: null }),
}))

/** Follows main's clipboardNotice pushes; returns the unsubscribe function. */
export function followClipboardNotices(): () => void {
  return subscribe('clipboardNotice', (notice) => useClipboardNoticeStore.getState().show(notice))
}
