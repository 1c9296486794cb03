import { relative, sep } from 'node:path'
import { parentPort } from 'node:worker_threads'
import type { ScanSkipReason } from '@shared/contracts/identify'
import { compileRecognizers, findUnpaired, pairFinds, type RawFind } from '../identify/find-candidates'
import { findInBytes, planForBytes } from './byte-finder'
import { scanGitHistory } from './git-history'
import { FileReader } from './read-file'
import { walkFiles } from './walk'
import type { WalkBatch, WorkerJob, WorkerMessage } from './worker-protocol'

// The worker thread's entry: it parses pasted text, walks a folder, reads the files a walker deals
// it, or streams git history, and posts finds that are already masked and hashed. Cancel is terminate().

const post = (message: WorkerMessage) => parentPort?.postMessage(message)
/** Pasted text is read in chunks of about this many characters, cut at line ends, with progress between. */
const TEXT_CHUNK = 512 * 1024
/**
 * A reader reports its totals after its first batch (the numbers start moving at once), then every
 * this many ms: as often as the core passes progress on, and no more (each report wakes the main thread).
 */
const STATS_EVERY_MS = 250
/** Files per batch the walker sends a reader: small enough to keep both readers busy, large enough to be cheap. */
const BATCH_FILES = 128

function runText(job: Extract<WorkerJob, { type: 'text' }>): void {
  const compiled = compileRecognizers(job.recognizers)
  const finds: RawFind[] = []
  let line = 1
  for (let start = 0; start < job.text.length;) {
    const cut = job.text.indexOf('\n', Math.min(start + TEXT_CHUNK, job.text.length))
    const end = cut === -1 ? job.text.length : cut + 1
    const chunk = job.text.slice(start, end)
    finds.push(...findUnpaired(chunk, compiled, line))
    for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) line++
    start = end
    post({ type: 'progress', done: start, total: job.text.length })
  }
  post({ type: 'finds', finds: pairFinds(finds, compiled) })
}

/** Walks the folder and deals its files to the readers in batches, in turn. */
function runWalk(job: Extract<WorkerJob, { type: 'walk' }>): void {
  let batch: string[] = []
  let next = 0
  const send = () => {
    const port = job.readers[next++ % job.readers.length]!
    port.postMessage({ paths: batch } satisfies WalkBatch)
    batch = []
  }
  walkFiles(job.root, { includeVendored: job.includeVendored }, (path) => {
    batch.push(path)
    if (batch.length >= BATCH_FILES) send()
  })
  if (batch.length > 0) send()
  for (const port of job.readers) port.postMessage({ end: true } satisfies WalkBatch)
}

/** Reads the files of each batch with one reusable buffer and searches their bytes; resolves at the walk's end. */
function runRead(job: Extract<WorkerJob, { type: 'read' }>): Promise<void> {
  const plan = planForBytes(job.recognizers)
  const reader = new FileReader(job.maxBytes)
  const skipped = new Map<ScanSkipReason, number>()
  let files = 0
  let bytes = 0
  let lastStats = Date.now()
  let batches = 0
  const stats = () => post({ type: 'stats', files, bytes, skipped: [...skipped], commits: 0 })
  return new Promise((resolve) => {
    job.files.on('message', (batch: WalkBatch) => {
      if ('end' in batch) {
        stats()
        job.files.close()
        resolve()
        return
      }
      for (const path of batch.paths) {
        const read = reader.read(path)
        if (read.kind === 'skipped') skipped.set(read.reason, (skipped.get(read.reason) ?? 0) + 1)
        else {
          files++
          bytes += read.bytes
          const finds = findInBytes(read.data, plan)
          if (finds.length > 0)
            post({ type: 'file-finds', path: relative(job.root, path).split(sep).join('/'), commit: null, finds })
        }
        if (Date.now() - lastStats >= STATS_EVERY_MS) {
          lastStats = Date.now()
          stats()
        }
      }
      if (++batches === 1) {
        lastStats = Date.now()
        stats()
      }
    })
  })
}

async function runHistory(job: Extract<WorkerJob, { type: 'history' }>): Promise<void> {
  const compiled = compileRecognizers(job.recognizers)
  const outcome = await scanGitHistory(
    job.root,
    compiled,
    ({ commit, path, find }) => post({ type: 'file-finds', path, commit, finds: [find] }),
    (commits) => {
      if (commits % 50 === 0) post({ type: 'stats', files: 0, bytes: 0, skipped: [], commits })
    },
  )
  if (outcome.kind === 'unavailable') post({ type: 'note', note: outcome.note })
  else post({ type: 'stats', files: 0, bytes: 0, skipped: [], commits: outcome.commits })
}

parentPort?.once('message', (job: WorkerJob) => {
  const run = async () => {
    if (job.type === 'text') runText(job)
    else if (job.type === 'walk') runWalk(job)
    else if (job.type === 'read') await runRead(job)
    else await runHistory(job)
  }
  run().then(
    () => post({ type: 'done' }),
    (error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  )
})
