import type { MessagePort } from 'node:worker_threads'
import type { ScanSkipReason } from '@shared/contracts/identify'
import type { KeyRecognizer } from '@shared/domain/recognizer'
import type { RawFind } from '../identify/find-candidates'

/** What the core asks a scan worker to do. */
export type WorkerJob =
  | { type: 'text'; text: string; recognizers: readonly KeyRecognizer[] }
  /** Walk the folder and deal its files out, in batches, to the readers' ports in turn. */
  | { type: 'walk'; root: string; includeVendored: boolean; readers: MessagePort[] }
  /** Read and search the files that come on `files` (WalkBatch messages) until the walk ends. */
  | { type: 'read'; root: string; recognizers: readonly KeyRecognizer[]; maxBytes: number; files: MessagePort }
  | { type: 'history'; root: string; recognizers: readonly KeyRecognizer[] }

/** From the walker to a reader: full paths, or the end of the walk. */
export type WalkBatch = { paths: string[] } | { end: true }

/** What a worker reports back. Finds are masked and hashed in the worker: no value leaves it. */
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'finds'; finds: RawFind[] }
  | { type: 'file-finds'; path: string; commit: string | null; finds: RawFind[] }
  | { type: 'stats'; files: number; bytes: number; skipped: Array<[ScanSkipReason, number]>; commits: number }
  | { type: 'note'; note: string }
  | { type: 'done' }
  | { type: 'failed'; message: string }
