import { relative, sep } from 'node:path'
import { parentPort } from 'node:worker_threads'
import type { ScanSkipReason } from '@shared/contracts/identify'
import { compileRecognizers, findInText, findUnpaired, pairFinds, type RawFind } from '../identify/find-candidates'
import { scanGitHistory } from './git-history'
import { readScannable } from './read-file'
import { walkFiles } from './walk'
import type { WorkerJob, WorkerMessage } from './worker-protocol'

// The worker thread's entry: it parses pasted text, reads a share of a folder's files, or streams
// git history, and posts finds that are already masked and hashed. Cancel is terminate().

const post = (message: WorkerMessage) => parentPort?.postMessage(message)
/** Pasted text is read in chunks of about this many characters, cut at line ends, with progress between. */
const TEXT_CHUNK = 512 * 1024
const STATS_EVERY_MS = 200

function shareOf(path: string, count: number): number {
  let hash = 0
  for (let i = 0; i < path.length; i++) hash = (hash * 31 + path.charCodeAt(i)) | 0
  return Math.abs(hash) % count
}

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

function runFiles(job: Extract<WorkerJob, { type: 'files' }>): void {
  const compiled = compileRecognizers(job.recognizers)
  const skipped = new Map<ScanSkipReason, number>()
  let files = 0
  let bytes = 0
  let lastStats = Date.now()
  const stats = () => post({ type: 'stats', files, bytes, skipped: [...skipped], commits: 0 })
  for (const path of walkFiles(job.root, { includeVendored: job.includeVendored })) {
    if (shareOf(path, job.share.count) !== job.share.index) continue
    const read = readScannable(path, job.maxBytes)
    if (read.kind === 'skipped') skipped.set(read.reason, (skipped.get(read.reason) ?? 0) + 1)
    else {
      files++
      bytes += read.bytes
      const finds = findInText(read.text, compiled)
      if (finds.length > 0)
        post({ type: 'file-finds', path: relative(job.root, path).split(sep).join('/'), commit: null, finds })
    }
    if (Date.now() - lastStats >= STATS_EVERY_MS) {
      lastStats = Date.now()
      stats()
    }
  }
  stats()
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
    else if (job.type === 'files') runFiles(job)
    else await runHistory(job)
  }
  run().then(
    () => post({ type: 'done' }),
    (error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  )
})
