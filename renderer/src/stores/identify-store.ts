import { create } from 'zustand'
import {
  IDENTIFY_PART_CHARS,
  type IdentifyResult,
  type KeyMatch,
  type ScanFinding,
  type ScanProgress,
} from '@shared/contracts/identify'
import type { ApiKey } from '@shared/domain/api-key'
import type { AppErrorData } from '@shared/domain/errors'
import { invoke } from '../ipc/bridge'
import { useAccountsStore } from './accounts-store'
import { useProfilesStore } from './profiles-store'
import { useSessionStore } from './session-store'

/** Findings the view keeps (masked); the scan's count goes on past it. */
const MAX_SHOWN_FINDINGS = 2000
/** Findings arrive one event each; the list takes them in one update per this many ms, not one render each. */
const FINDINGS_FLUSH_MS = 150

/** Findings received and not yet in the list, and the timer that moves them there. */
const arriving: { findings: ScanFinding[]; timer: ReturnType<typeof setTimeout> | null } = { findings: [], timer: null }

function dropArriving(): void {
  if (arriving.timer !== null) clearTimeout(arriving.timer)
  arriving.timer = null
  arriving.findings = []
}

/**
 * Identify and folder scan results, masked. The pasted text is never here: it stays in the view's
 * text box, which is gone when the user leaves the view; `reset` then drops the results too.
 */
export interface IdentifyState {
  identifying: boolean
  progress: { done: number; total: number } | null
  result: IdentifyResult | null
  error: AppErrorData | null
  scanId: string | null
  scan: ScanProgress | null
  findings: ScanFinding[]
  scanError: AppErrorData | null
  identify: (text: string) => Promise<void>
  cancelIdentify: () => void
  startScan: (root: string, history: boolean, includeVendored: boolean) => Promise<void>
  cancelScan: () => void
  applyProgress: (progress: { done: number; total: number }) => void
  applyScanProgress: (progress: ScanProgress) => void
  applyFinding: (finding: ScanFinding) => void
  reset: () => void
}

const initial = {
  identifying: false,
  progress: null,
  result: null,
  error: null,
  scanId: null,
  scan: null,
  findings: [],
  scanError: null,
}

/** Bumped by every identify and cancel: a cancelled paste stops sending its parts. */
let identifyRun = 0

export const useIdentifyStore = create<IdentifyState>()((set, get) => ({
  ...initial,

  identify: async (text) => {
    set({ identifying: true, progress: { done: 0, total: text.length }, result: null, error: null })
    // A large paste goes in parts, each small enough for one message; the core joins them.
    let sent = 0
    const run = ++identifyRun
    while (text.length - sent > IDENTIFY_PART_CHARS) {
      if (run !== identifyRun) {
        set({ identifying: false })
        return
      }
      const part = text.slice(sent, sent + IDENTIFY_PART_CHARS)
      const staged = await invoke('stageIdentifyText', { part })
      if (!get().identifying) return
      if (!staged.ok) {
        set({ identifying: false, error: staged.error })
        return
      }
      sent += part.length
      set({ progress: { done: sent, total: text.length } })
    }
    const result = await invoke('identifyText', { text: text.slice(sent) })
    if (!get().identifying) return
    set(result.ok ? { identifying: false, result: result.value } : { identifying: false, error: result.error })
  },

  cancelIdentify: () => {
    identifyRun++
    void invoke('cancelIdentify')
  },

  startScan: async (root, history, includeVendored) => {
    dropArriving()
    set({ scanId: null, scan: null, findings: [], scanError: null })
    const result = await invoke('startScan', { root, history, includeVendored, maxFileMegabytes: 10 })
    if (result.ok) set({ scanId: result.value.scanId })
    else set({ scanError: result.error })
  },

  cancelScan: () => {
    const scanId = get().scanId
    if (scanId) void invoke('cancelScan', { scanId })
  },

  applyProgress: (progress) => {
    if (get().identifying) set({ progress })
  },

  applyScanProgress: (scan) => {
    if (scan.scanId !== get().scanId) return
    // The scan's last word: its findings are all in, so the list shows them with it.
    if (scan.phase !== 'files' && scan.phase !== 'history') flushFindings()
    set({ scan })
  },

  applyFinding: (finding) => {
    if (finding.scanId !== get().scanId) return
    if (get().findings.length + arriving.findings.length >= MAX_SHOWN_FINDINGS) return
    arriving.findings.push(finding)
    arriving.timer ??= setTimeout(flushFindings, FINDINGS_FLUSH_MS)
  },

  reset: () => {
    if (get().identifying) void invoke('cancelIdentify')
    get().cancelScan()
    dropArriving()
    set(initial)
  },
}))

/** Makes the match's profile (and account) the active one and reads its key, for the key dialogs. */
export async function activateMatch(
  match: KeyMatch,
): Promise<{ ok: true; key: ApiKey } | { ok: false; message: string }> {
  if (useSessionStore.getState().session?.profile.id !== match.profileId) {
    await useProfilesStore.getState().selectProfile(match.profileId)
    if (useSessionStore.getState().session?.profile.id !== match.profileId)
      return { ok: false, message: `Keywarden could not switch to “${match.profileName}”.` }
  }
  if (match.accountId !== null) {
    const accounts = useAccountsStore.getState()
    if (accounts.list?.selectedAccountId !== match.accountId) {
      const selected = await invoke('selectAccount', { accountId: match.accountId })
      if (!selected.ok) return { ok: false, message: selected.error.message }
      await accounts.loadAccounts()
    }
  }
  const keys = await invoke('listKeys')
  if (!keys.ok) return { ok: false, message: keys.error.message }
  const key = keys.value.keys.find((k) => k.id === match.keyId)
  if (!key) return { ok: false, message: `“${match.keyName ?? match.keyId}” is no longer on “${match.profileName}”.` }
  return { ok: true, key }
}

/** Moves the findings that arrived into the list, in one update. */
function flushFindings(): void {
  const batch = arriving.findings
  dropArriving()
  if (batch.length > 0) useIdentifyStore.setState((s) => ({ findings: [...s.findings, ...batch] }))
}
