import { create } from 'zustand'

/**
 * The key whose detail panel is open (the row selected by click or keyboard), or none. The table
 * and the panel write and read it; other views (Identify, Overview) call `open` to show a key.
 */
export interface KeyPanelState {
  openKeyId: string | null
  open: (keyId: string) => void
  close: () => void
}

export const useKeyPanelStore = create<KeyPanelState>()((set) => ({
  openKeyId: null,
  open: (keyId) => set({ openKeyId: keyId }),
  close: () => set({ openKeyId: null }),
}))
