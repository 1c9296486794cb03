import { create } from 'zustand'
import type { ApiKey } from '@shared/domain/api-key'
import type { AppErrorData, Result } from '@shared/domain/errors'
import type { SudoProofInput } from '@shared/domain/sudo'
import type { PendingRevocation } from '@shared/domain/key-lifecycle'
import type { LockState } from '@shared/domain/lock'
import { invoke, subscribe } from '../ipc/bridge'
import { useKeyDialogs, type KeyDialog } from './key-dialog-store'
import { useKeysStore } from './keys-store'

/** A one-time secret dialog the lock closed: everything but the value, which main keeps. */
export interface HeldSecretDialog {
  key: ApiKey
  origin: 'create' | 'rotate'
  replaced?: { name: string; pending: PendingRevocation | null }
  canReveal: boolean
}

interface LockStoreState {
  lock: LockState
  held: HeldSecretDialog | null
  unlocking: boolean
  error: AppErrorData | null
  apply: (state: LockState) => void
  load: () => Promise<void>
  /** Unlocks with the proof the user gave; resolves with main's answer (the lock screen shows a refusal). */
  unlock: (proof?: SudoProofInput) => Promise<Result<LockState>>
  cancelUnlock: () => Promise<void>
}

function holdSecretDialog(dialog: KeyDialog | null): HeldSecretDialog | null {
  if (dialog?.kind !== 'secret') return null
  const { created, origin, replaced, canReveal } = dialog
  return { key: created.key, origin, canReveal, ...(replaced ? { replaced } : {}) }
}

/** Whether Keywarden is locked. Locking closes every dialog; a one-time secret's value goes back to main only. */
export const useLockStore = create<LockStoreState>()((set, get) => ({
  lock: { locked: false },
  held: null,
  unlocking: false,
  error: null,

  apply: (lock) => {
    if (lock.locked) {
      const held = holdSecretDialog(useKeyDialogs.getState().dialog) ?? get().held
      useKeyDialogs.getState().close()
      set({ lock, held, error: null })
    } else {
      set({ lock })
    }
  },

  load: async () => {
    const result = await invoke('getLockState')
    if (result.ok) get().apply(result.value)
  },

  unlock: async (proof) => {
    set({ unlocking: true, error: null })
    const result = await invoke('unlock', proof)
    set({ unlocking: false })
    if (!result.ok) return result
    get().apply(result.value)
    if (result.value.locked) return result
    void useKeysStore.getState().loadKeys()
    void showHeldSecret()
    return result
  },

  cancelUnlock: async () => {
    await invoke('cancelSignIn')
  },
}))

/** The one-time secret dialog the lock closed opens again, its value fetched from main. */
async function showHeldSecret(): Promise<void> {
  const { held } = useLockStore.getState()
  if (!held) return
  {
    const value = await invoke('heldSecret', { keyId: held.key.id })
    useLockStore.setState({ held: null })
    if (!value.ok) {
      useLockStore.setState({ error: value.error })
      return
    }
    useKeyDialogs.getState().open({
      kind: 'secret',
      created: { key: held.key, value: value.value.value, secret: value.value.secret },
      origin: held.origin,
      canReveal: held.canReveal,
      ...(held.replaced ? { replaced: held.replaced } : {}),
    })
  }
}

/** Follows main's lockChanged pushes; a secret dialog that opens while locked (a create that was in flight) is held too. */
export function followLock(): () => void {
  const stopEvents = subscribe('lockChanged', (state) => useLockStore.getState().apply(state))
  const stopDialogs = useKeyDialogs.subscribe((state) => {
    if (!useLockStore.getState().lock.locked || state.dialog === null) return
    const held = holdSecretDialog(state.dialog)
    if (held) useLockStore.setState({ held })
    useKeyDialogs.getState().close()
  })
  void useLockStore.getState().load()
  return () => {
    stopEvents()
    stopDialogs()
  }
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'pointermove'] as const
const ACTIVITY_REPORT_MS = 15_000

/** Tells main the user is here, at most every 15 s: the lock's idle time starts again. */
export function reportPageActivity(): () => void {
  let lastReport = 0
  const report = () => {
    const now = Date.now()
    if (now - lastReport < ACTIVITY_REPORT_MS) return
    lastReport = now
    void invoke('reportActivity')
  }
  for (const name of ACTIVITY_EVENTS) window.addEventListener(name, report, { passive: true, capture: true })
  return () => {
    for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, report, { capture: true })
  }
}
