import { MessageChannel } from 'node:worker_threads'
import type { KeyRecognizer } from '@shared/domain/recognizer'
import { runWorker, type WorkerRun } from './worker-launcher'
import type { WorkerMessage } from './worker-protocol'

export interface FolderScanJob {
  root: string
  recognizers: readonly KeyRecognizer[]
  includeVendored: boolean
  maxBytes: number
  /** Reader threads; the walker is one more. */
  readers: number
  /** A bundled scan worker to run (benchmarks); by default the launcher finds it. */
  workerEntry?: string
}

/** Who sent a message: the walker, or reader `index`. */
export type FolderScanSender = { role: 'walker' } | { role: 'reader'; index: number }

/**
 * A folder's files, off the main thread: one worker walks the tree (fdir + .gitignore) and deals
 * the files out in batches, straight to the reader workers over their own channels, as it finds them;
 * the readers read and search them. `finished` settles when every reader is done, or on cancel.
 */
export function startFolderScan(
  job: FolderScanJob,
  onMessage: (message: WorkerMessage, from: FolderScanSender) => void,
): WorkerRun {
  const channels = Array.from({ length: Math.max(1, job.readers) }, () => new MessageChannel())
  const readers = channels.map((channel, index) =>
    runWorker(
      { type: 'read', root: job.root, recognizers: job.recognizers, maxBytes: job.maxBytes, files: channel.port2 },
      (message) => onMessage(message, { role: 'reader', index }),
      [channel.port2],
      job.workerEntry,
    ),
  )
  const readerPorts = channels.map((channel) => channel.port1)
  const walker = runWorker(
    { type: 'walk', root: job.root, includeVendored: job.includeVendored, readers: readerPorts },
    (message) => onMessage(message, { role: 'walker' }),
    readerPorts,
    job.workerEntry,
  )
  const runs = [walker, ...readers]
  const cancel = () => {
    for (const run of runs) run.cancel()
  }
  const finished = Promise.all(runs.map((run) => run.finished)).then(
    (outcomes) => (outcomes.every((outcome) => outcome === 'done') ? ('done' as const) : ('cancelled' as const)),
    (error: unknown) => {
      // One thread failed: the others stop too.
      cancel()
      throw error
    },
  )
  return { finished, cancel }
}
