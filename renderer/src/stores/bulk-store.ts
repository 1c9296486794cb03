import { create } from 'zustand'
import type { BulkAction, BulkProgress, BulkRunView } from '@shared/contracts/bulk'
import type { AppErrorData } from '@shared/domain/errors'
import type { GraceOption } from '@shared/domain/key-lifecycle'
import { invoke } from '../ipc/bridge'
import { protectScreen } from './key-actions'
import { useKeyDialogs } from './key-dialog-store'
import { useKeysStore } from './keys-store'
import { useSelectionStore } from './selection-store'

/** What the confirmation asks about: the keys the action applies to, by id and name. */
export interface BulkAsk {
  action: BulkAction
  keys: ReadonlyArray<{ id: string; name: string }>
}

export interface BulkState {
  asking: BulkAsk | null
  grace: GraceOption
  starting: boolean
  /** The run this window started (or last looked at), as main last reported it. */
  run: BulkRunView | null
  /** Live counts of that run (the bulkProgress event). */
  progress: BulkProgress | null
  error: AppErrorData | null
  /** Sudo mode is needed: main's reason, for the prompt. */
  sudoReason: string | null
  /** What "keep all as keychain copies" did. */
  keptMessage: string | null
}

export interface BulkActions {
  ask: (ask: BulkAsk) => void
  setGrace: (grace: GraceOption) => void
  dismissAsk: () => void
  start: () => Promise<void>
  cancel: () => Promise<void>
  retry: () => Promise<void>
  /** Main says a run moved on; at its end the results are read and the table reloaded. */
  progressed: (progress: BulkProgress) => void
  /** Reads the run on screen again (after an unlock: a run that ended behind the lock could not be read then). */
  refresh: () => Promise<void>
  /** Opens the one-time secret dialog with the next new secret; the next follows when it closes. */
  showNextSecret: () => Promise<void>
  keepAllSecrets: () => Promise<void>
  closeRun: () => void
}

const ENDED = new Set(['finished', 'cancelled', 'waiting'])
/** The newest progress of every run: a short run can end before its start call has answered. */
const lastProgress = new Map<string, BulkProgress>()

function applyEarlyProgress(runId: string): void {
  const early = lastProgress.get(runId)
  if (early) useBulkStore.getState().progressed(early)
}

async function refreshRun(runId: string): Promise<BulkRunView | null> {
  const runs = await invoke('listBulkRuns')
  return runs.ok ? (runs.value.find((run) => run.id === runId) ?? null) : null
}

export const useBulkStore = create<BulkState & BulkActions>()((set, get) => ({
  asking: null,
  grace: '15m',
  starting: false,
  run: null,
  progress: null,
  error: null,
  sudoReason: null,
  keptMessage: null,

  ask: (asking) => set({ asking, error: null, sudoReason: null }),
  setGrace: (grace) => set({ grace }),
  dismissAsk: () => set({ asking: null, sudoReason: null, error: null }),

  start: async () => {
    const { asking, grace } = get()
    if (!asking) return
    set({ starting: true, error: null, sudoReason: null })
    const result = await invoke('startBulkRun', {
      action: asking.action,
      keyIds: asking.keys.map((key) => key.id),
      ...(asking.action === 'rotate' ? { grace } : {}),
    })
    if (!result.ok) {
      if (result.error.code === 'REAUTH_REQUIRED') set({ starting: false, sudoReason: result.error.message })
      else set({ starting: false, error: result.error })
      return
    }
    useSelectionStore.getState().clear()
    set({ starting: false, asking: null, run: result.value, progress: null, keptMessage: null })
    applyEarlyProgress(result.value.id)
  },

  cancel: async () => {
    const { run } = get()
    if (!run) return
    const result = await invoke('cancelBulkRun', { runId: run.id })
    if (result.ok) set({ run: result.value })
    else set({ error: result.error })
  },

  retry: async () => {
    const { run } = get()
    if (!run) return
    set({ error: null, sudoReason: null })
    lastProgress.delete(run.id)
    const result = await invoke('retryBulkRun', { runId: run.id })
    if (result.ok) {
      set({ run: result.value, progress: null })
      applyEarlyProgress(result.value.id)
    } else if (result.error.code === 'REAUTH_REQUIRED') set({ sudoReason: result.error.message })
    else set({ error: result.error })
  },

  progressed: (progress) => {
    lastProgress.set(progress.runId, progress)
    if (get().run?.id !== progress.runId) return
    set({ progress })
    if (!ENDED.has(progress.status)) return
    void refreshRun(progress.runId).then((run) => {
      if (run && get().run?.id === run.id) set({ run })
    })
    void useKeysStore.getState().loadKeys()
  },

  refresh: async () => {
    const { run } = get()
    if (!run) return
    const fresh = await refreshRun(run.id)
    if (fresh && get().run?.id === fresh.id) set({ run: fresh })
  },

  showNextSecret: async () => {
    const { run } = get()
    if (!run) return
    const result = await invoke('takeBulkSecret', { runId: run.id })
    // Locked (the lock closed the last dialog): nothing was taken; the button picks up after the unlock.
    if (!result.ok) return result.error.code === 'LOCKED' ? undefined : set({ error: result.error })
    const next = result.value
    set({ run: { ...run, heldSecrets: next ? next.remaining : 0 } })
    if (!next) return
    await protectScreen()
    const dialogs = useKeyDialogs.getState()
    dialogs.open({
      kind: 'secret',
      created: { key: next.key, value: next.value, secret: next.secret },
      origin: 'rotate',
      canReveal: false,
    })
    const seq = useKeyDialogs.getState().seq
    if (next.remaining === 0) return
    // When this one closes, the next follows; when another dialog took its place, the button picks up again.
    const stop = useKeyDialogs.subscribe((state) => {
      if (state.seq !== seq) {
        stop()
      } else if (state.dialog === null) {
        stop()
        void get().showNextSecret()
      }
    })
  },

  keepAllSecrets: async () => {
    const { run } = get()
    if (!run) return
    set({ error: null, sudoReason: null })
    const result = await invoke('keepBulkSecrets', { runId: run.id })
    if (!result.ok) {
      if (result.error.code === 'REAUTH_REQUIRED') set({ sudoReason: result.error.message })
      else set({ error: result.error })
      return
    }
    const { kept, failed } = result.value
    const failures = failed.map((f) => `${f.keyName}: ${f.reason}`).join('; ')
    set({
      run: { ...run, heldSecrets: failed.length },
      keptMessage: `Kept ${kept} new ${kept === 1 ? 'key' : 'keys'} in this computer's keychain.${failures ? ` Not kept: ${failures}` : ''}`,
    })
    void useKeysStore.getState().loadKeys()
  },

  closeRun: () => set({ run: null, progress: null, error: null, sudoReason: null, keptMessage: null }),
}))
