import { create } from 'zustand'
import type { ApiKey } from '@shared/domain/api-key'
import type { CreatedKeyView, PendingRevocation } from '@shared/domain/key-lifecycle'

/** Which key dialog is open. The table opens them; the dialog host renders the one that is open. */
export type KeyDialog =
  | { kind: 'create' }
  | { kind: 'edit'; key: ApiKey }
  | { kind: 'revoke'; key: ApiKey }
  | { kind: 'reveal'; key: ApiKey }
  | { kind: 'rotate'; key: ApiKey }
  | { kind: 'try'; key: ApiKey }
  /**
   * The one-time secret of a key just created (or a rotation's successor). The value lives here and
   * nowhere else in the renderer; closing the dialog drops it. `replaced`: after a rotation, the old
   * key and when it goes. `canReveal`: whether the key's dialect can show it again, for the warning
   * on closing; carried here so the dialog does not depend on the profile still being on screen.
   */
  | {
      kind: 'secret'
      created: CreatedKeyView
      origin: 'create' | 'rotate'
      replaced?: { name: string; pending: PendingRevocation | null }
      canReveal: boolean
      /** A secret crash recovery found: its recovery item, and the line that says what happened. */
      recovery?: { id: string; line: string }
    }
  | { kind: 'audit' }
  | { kind: 'settings' }

interface KeyDialogState {
  dialog: KeyDialog | null
  /** Counts every open, so opening a dialog again (or another key's) starts it fresh. */
  seq: number
  open: (dialog: KeyDialog) => void
  close: () => void
}

export const useKeyDialogs = create<KeyDialogState>((set) => ({
  dialog: null,
  seq: 0,
  open: (dialog) => set((state) => ({ dialog, seq: state.seq + 1 })),
  close: () => set({ dialog: null }),
}))
