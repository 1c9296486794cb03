import type { ScanSkipReason } from '@shared/contracts/identify'
import type { KeyRecognizer } from '@shared/domain/recognizer'
import type { RawFind } from '../identify/find-candidates'

/** What the core asks a scan worker to do. */
export type WorkerJob =
  | { type: 'text'; text: string; recognizers: readonly KeyRecognizer[] }
  | {
      type: 'files'
      root: string
      recognizers: readonly KeyRecognizer[]
      includeVendored: boolean
      maxBytes: number
      /** This worker takes the files whose path hashes to `index` modulo `count`. */
      share: { index: number; count: number }
    }
  | { type: 'history'; root: string; recognizers: readonly KeyRecognizer[] }

/** What a worker reports back. Finds are masked and hashed in the worker: no value leaves it. */
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'finds'; finds: RawFind[] }
  | { type: 'file-finds'; path: string; commit: string | null; finds: RawFind[] }
  | { type: 'stats'; files: number; bytes: number; skipped: Array<[ScanSkipReason, number]>; commits: number }
  | { type: 'note'; note: string }
  | { type: 'done' }
  | { type: 'failed'; message: string }
