import { z } from 'zod'
import { call, event, noInput } from '../contract-kit'
import type { KeyStatus } from '../domain/api-key'
import type { CandidateKind } from '../domain/recognizer'

/**
 * The identify part of the IPC contract: find which key a value is, from pasted text (Identify) or
 * a folder's files and git history (Scan). Values never come back whole: candidates are masked.
 */

/** The largest paste Identify reads. */
export const IDENTIFY_MAX_CHARS = 10 * 1024 * 1024
/** The largest part of a paste sent in one message (well under the browser host's 1 MB frames). */
export const IDENTIFY_PART_CHARS = 128 * 1024

/** A key that a candidate is, on one profile. */
export interface KeyMatch {
  profileId: string
  profileName: string
  dialect: string
  accountId: string | null
  accountName: string | null
  keyId: string
  /** Null where only a keychain copy knows the key (its profile's list was not read). */
  keyName: string | null
  status: KeyStatus | null
  expiresAt: string | null
  maskedKey: string | null
  /** `exact`: its SHA-256 equals a keychain copy's; `masked`: its masked form equals the list's. */
  how: 'exact' | 'masked'
  /** The list came from the offline cache, not the server. */
  cached: boolean
}

/** A value found in the text, masked, and what it is. */
export interface IdentifiedCandidate {
  id: string
  dialect: string
  /** e.g. "gateway key". */
  label: string
  kind: CandidateKind
  masked: string
  /** The pulse key id found next to a secret. */
  pairedId: string | null
  line: number
  column: number
  matches: KeyMatch[]
  /** `ambiguous`: more than one key has this masked form. */
  verdict: 'match' | 'ambiguous' | 'unknown'
}

export interface IdentifyResult {
  candidates: IdentifiedCandidate[]
  /** Profiles whose keys were compared; 0 means "sign in to identify". */
  signedInProfiles: number
  /** Profiles whose list could not be read, with why. */
  unreadable: Array<{ profileName: string; reason: string }>
  cancelled: boolean
}

export type ScanSkipReason =
  | 'binary'
  | 'too large'
  | 'unreadable'
  | 'broken symlink'
  | 'symlink loop'
  | 'symlink to folder'
  | 'changed during scan'
  | 'vanished'

export interface ScanFinding {
  scanId: string
  /** Index within its scan: what showInFolder takes. */
  index: number
  /** Relative to the scanned folder, `/`-separated. */
  path: string
  line: number
  column: number
  /** Set for finds in git history. */
  commit: string | null
  candidate: IdentifiedCandidate
}

export interface ScanProgress {
  scanId: string
  phase: 'files' | 'history' | 'done' | 'cancelled' | 'failed'
  files: number
  bytes: number
  filesPerSecond: number
  findings: number
  skipped: Partial<Record<ScanSkipReason, number>>
  /** e.g. "git is not installed: history not scanned", or why the scan failed. */
  note: string | null
  /** Commits read from git history. */
  commits: number
}

const scanId = z.uuid()

export const identifyCalls = {
  /** Finds candidates in pasted text (parsed off the main thread) and names the keys they are. */
  identifyText: call<IdentifyResult>()(z.object({ text: z.string().max(IDENTIFY_MAX_CHARS) }).strict()),
  /**
   * One part of a paste too large for one message (the browser host's socket takes about 1 MB): kept in
   * memory until `identifyText` sends the last part, then forgotten. `cancelIdentify` drops it.
   */
  stageIdentifyText: call<void>()(z.object({ part: z.string().min(1).max(IDENTIFY_PART_CHARS) }).strict()),
  /** Stops a running identifyText; it then resolves with `cancelled`. */
  cancelIdentify: call<void>()(noInput),
  /** Lets the user choose a folder (desktop); null when cancelled or not available here. */
  pickFolder: call<{ path: string | null }>()(noInput),
  /** Starts scanning a folder; findings and progress come as events. */
  startScan: call<{ scanId: string }>()(
    z
      .object({
        root: z.string().min(1).max(4096),
        history: z.boolean(),
        includeVendored: z.boolean(),
        maxFileMegabytes: z.number().int().min(1).max(1024),
      })
      .strict(),
  ),
  cancelScan: call<void>()(z.object({ scanId }).strict()),
  /** Shows a finding's file in the system file manager. */
  showScanFinding: call<void>()(z.object({ scanId, index: z.number().int().min(0) }).strict()),
} as const

export const identifyEvents = {
  identifyProgress: event<{ done: number; total: number }>(),
  scanProgress: event<ScanProgress>(),
  scanFinding: event<ScanFinding>(),
} as const
