import { create } from 'zustand'
import type { ApiKey } from '../../../../../shared/domain/api-key'
import type { CreatedKeyView } from '../../../../../shared/domain/key-lifecycle'

/** Which key dialog is open. The table opens them; the dialog host renders the one that is open. */
export type KeyDialog =
  | { kind: 'create' }
  | { kind: 'edit'; key: ApiKey }
  | { kind: 'revoke'; key: ApiKey }
  | { kind: 'reveal'; key: ApiKey }
  | { kind: 'rotate'; key: ApiKey }
  | { kind: 'try'; key: ApiKey }
  /** The one-time secret of a key just created (or a rotation's successor). */
  | { kind: 'secret'; created: CreatedKeyView; origin: 'create' | 'rotate' }
  | { kind: 'audit' }
  | { kind: 'settings' }

interface KeyDialogState {
  dialog: KeyDialog | null
  open(dialog: KeyDialog): void
  close(): void
}

export const useKeyDialogs = create<KeyDialogState>((set) => ({
  dialog: null,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}))
