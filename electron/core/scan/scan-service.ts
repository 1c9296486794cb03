import { randomUUID } from 'node:crypto'
import { statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import type { ScanFinding, ScanProgress } from '@shared/contracts/identify'
import type { Clock } from '../clock'
import { AppError } from '../errors'
import { buildMatcher, type IdentifyDeps } from '../identify/identify-service'
import { allRecognizers } from '../identify/recognizers'
import type { PlatformPort } from '../platform'
import { startFolderScan } from './folder-scan'
import { ScanTally } from './scan-tally'
import { runWorker, type WorkerRun } from './worker-launcher'
import type { WorkerMessage } from './worker-protocol'

export interface ScanOptions {
  root: string
  history: boolean
  includeVendored: boolean
  maxFileMegabytes: number
}

interface Scan {
  root: string
  runs: WorkerRun[]
  findings: ScanFinding[]
  cancelled: boolean
}

const PROGRESS_EVERY_MS = 250
/** Findings one scan keeps in memory (masked); past this it counts them only. */
const MAX_FINDINGS = 10_000

/** Folder scans: worker threads read the files (and git history), the core names what they find. */
export class ScanService {
  private readonly scans = new Map<string, Scan>()

  constructor(
    private readonly deps: IdentifyDeps & {
      clock: Clock
      platform: PlatformPort
      /** A bundled scan worker to run (benchmarks); by default the launcher finds it. */
      scanWorkerEntry?: string
    },
  ) {}

  async start(options: ScanOptions): Promise<{ scanId: string }> {
    if (!isAbsolute(options.root)) throw new AppError('VALIDATION', 'Give the folder as a full path.')
    const root = resolve(options.root)
    try {
      if (!statSync(root).isDirectory()) throw new AppError('VALIDATION', `“${root}” is not a folder.`)
    } catch (error) {
      if (error instanceof AppError) throw error
      throw new AppError(
        'NOT_FOUND',
        `Keywarden cannot open the folder “${root}”: it does not exist or cannot be read.`,
      )
    }
    const scanId = randomUUID()
    const scan: Scan = { root, runs: [], findings: [], cancelled: false }
    // One scan at a time: a new one ends the previous one.
    for (const id of [...this.scans.keys()]) this.cancel(id)
    this.scans.clear()
    this.scans.set(scanId, scan)
    void this.run(scanId, scan, options)
    return { scanId }
  }

  cancel(scanId: string): void {
    const scan = this.scans.get(scanId)
    if (!scan) return
    scan.cancelled = true
    for (const run of scan.runs) run.cancel()
  }

  async showInFolder(scanId: string, index: number): Promise<void> {
    const finding = this.scans.get(scanId)?.findings[index]
    if (!finding) throw new AppError('NOT_FOUND', 'That result is no longer in memory. Scan again.')
    if (!this.deps.platform.showItemInFolder)
      throw new AppError('VALIDATION', 'Showing a file in its folder is not available here.')
    await this.deps.platform.showItemInFolder(join(this.scans.get(scanId)?.root ?? '', finding.path))
  }

  private async run(scanId: string, scan: Scan, options: ScanOptions): Promise<void> {
    const { clock, emit } = this.deps
    const tally = new ScanTally(scanId, clock.now())
    let phase: ScanProgress['phase'] = 'files'
    let lastEmit = 0
    const progress = (force = false) => {
      if (!force && clock.now() - lastEmit < PROGRESS_EVERY_MS) return
      lastEmit = clock.now()
      emit('scanProgress', tally.progress(phase, clock.now()))
    }
    // At once: the scan has begun (the threads take a moment to start and report).
    progress(true)
    try {
      const { matcher } = await buildMatcher(this.deps)
      const recognizers = allRecognizers()
      const onMessage = (worker: number) => (message: WorkerMessage) => {
        // After cancel nothing more is reported, whatever was still on its way.
        if (scan.cancelled) return
        if (message.type === 'stats') {
          tally.worker(worker, message.files, message.bytes, message.skipped)
          if (message.commits > 0) tally.commits = message.commits
        } else if (message.type === 'note') tally.note = message.note
        else if (message.type === 'file-finds') {
          for (const find of message.finds) {
            const finding: ScanFinding = {
              scanId,
              index: scan.findings.length,
              path: message.path,
              line: find.line,
              column: find.column,
              commit: message.commit,
              candidate: matcher.identify(find, `${scanId}:${tally.findings}`),
            }
            tally.findings++
            if (scan.findings.length < MAX_FINDINGS) scan.findings.push(finding)
            emit('scanFinding', finding)
          }
        }
        progress()
      }
      const count = Math.max(1, Math.min(2, availableParallelism()))
      const readers = Array.from({ length: count }, (_, index) => onMessage(index))
      const files = startFolderScan(
        {
          root: scan.root,
          recognizers,
          includeVendored: options.includeVendored,
          maxBytes: options.maxFileMegabytes * 1024 * 1024,
          readers: count,
          workerEntry: this.deps.scanWorkerEntry,
        },
        (message, from) => {
          if (from.role === 'reader') readers[from.index]!(message)
        },
      )
      scan.runs.push(files)
      if (scan.cancelled) files.cancel()
      const outcome = await files.finished
      if (options.history && !scan.cancelled && outcome === 'done') {
        phase = 'history'
        progress(true)
        const history = runWorker({ type: 'history', root: scan.root, recognizers }, onMessage(count))
        scan.runs.push(history)
        await history.finished
      }
      phase = scan.cancelled ? 'cancelled' : 'done'
    } catch (error) {
      phase = scan.cancelled ? 'cancelled' : 'failed'
      if (!scan.cancelled) tally.note = `The scan stopped: ${error instanceof Error ? error.message : String(error)}`
    }
    progress(true)
  }
}
