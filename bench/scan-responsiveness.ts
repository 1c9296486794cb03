// `npm run bench:scan-responsiveness`: a folder of a million small files stays responsive. The core's
// ScanService scans a generated tree (SCAN_MILLION_FILES, default 1,000,000, in 1,000 folders; one file
// in 1,000 holds a key) while this thread, the main process's stand-in, measures: the time between
// progress events, the event-loop delay (perf_hooks monitorEventLoopDelay) during the scan, and in a
// second scan the cancel latency (cancel() → the scan's last event). Anchors, same run: ripgrep
// searching the same tree, and the event-loop delay with no scan running (the machine's own noise). The tree is made in the temp folder, reused when a finished one
// is there, and deleted at the end unless SCAN_MILLION_KEEP=1.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type { ScanProgress } from '@shared/contracts/identify'
import { systemClock } from '@core/clock'
import type { IdentifyDeps } from '@core/identify/identify-service'
import { allRecognizers } from '@core/identify/recognizers'
import type { SecretCopies } from '@core/keys/secret-copies'
import type { PlatformPort } from '@core/platform'
import { ScanService } from '@core/scan/scan-service'
import { shapePattern } from '@core/identify/shapes'
import type { ProfileRepository } from '@core/settings/profiles'
import { GATEWAY_KEY_FORMAT, newKeyValue } from '@sandbox/keys/key-format'
import { bundleScanWorker } from './scan/bundle-worker'
import { markdownTable } from './markdown-table'

const FILES = Number(process.env.SCAN_MILLION_FILES ?? 1_000_000)
const PER_FOLDER = 1000
const KEEP = process.env.SCAN_MILLION_KEEP === '1'
const root = join(tmpdir(), `keywarden-scan-responsiveness-${FILES}`)
/** Beside the tree, not in it: the scan would count it. */
const marker = `${root}.complete`

function generate(): number {
  if (existsSync(marker) && existsSync(root)) return 0
  rmSync(root, { recursive: true, force: true })
  const started = performance.now()
  for (let folder = 0; folder * PER_FOLDER < FILES; folder++) {
    const dir = join(root, `pkg${folder % 50}`, `mod${folder}`)
    mkdirSync(dir, { recursive: true })
    for (let i = 0; i < PER_FOLDER && folder * PER_FOLDER + i < FILES; i++) {
      const key = i === 0 ? `const KEY = "${newKeyValue(GATEWAY_KEY_FORMAT)}"\n` : ''
      writeFileSync(join(dir, `file${i}.ts`), `export const value${i} = ${folder * PER_FOLDER + i}\n${key}`)
    }
    if (folder % 100 === 0) process.stdout.write(`\r  ${folder * PER_FOLDER} files…`)
  }
  writeFileSync(marker, '')
  process.stdout.write('\r                    \r')
  return (performance.now() - started) / 1000
}

interface Run {
  progress: Array<{ at: number; event: ScanProgress }>
  ended: Promise<{ at: number; event: ScanProgress }>
  service: ScanService
  findings: () => number
}

function startRun(scanWorkerEntry: string): Run {
  const progress: Run['progress'] = []
  let findings = 0
  let end: (last: { at: number; event: ScanProgress }) => void = () => undefined
  const ended = new Promise<{ at: number; event: ScanProgress }>((resolve) => (end = resolve))
  const emit = ((name: string, payload: unknown) => {
    if (name === 'scanFinding') findings++
    if (name !== 'scanProgress') return
    const event = payload as ScanProgress
    const entry = { at: performance.now(), event }
    progress.push(entry)
    if (event.phase !== 'files' && event.phase !== 'history') end(entry)
  }) as IdentifyDeps['emit']
  const service = new ScanService({
    profiles: { list: () => [] } as unknown as ProfileRepository,
    copies: {} as SecretCopies,
    lists: { read: async () => ({ lists: [], profiles: 0, unreadable: [] }) },
    emit,
    clock: systemClock,
    platform: {} as PlatformPort,
    scanWorkerEntry,
  })
  return { progress, ended, service, findings: () => findings }
}

const options = { root, history: false, includeVendored: false, maxFileMegabytes: 10 }
const ms = (n: number) => `${n.toFixed(0)} ms`
/** The event-loop sampling timer; each sample counts its own interval, which is taken off to leave the delay. */
const RESOLUTION_MS = 10
/** How long the event loop is watched with no scan running (the anchor). */
const IDLE_MS = 5000
const lag = (nanoseconds: number) => ms(Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS))
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
}

try {
  process.stdout.write(`Tree: ${FILES} files in ${root}\n`)
  const made = generate()
  process.stdout.write(made > 0 ? `  generated in ${made.toFixed(0)} s\n` : '  reused (already generated)\n')

  // Anchor: ripgrep over the same tree (its walk, reads and regexes), which also warms the page cache.
  const patterns = allRecognizers().flatMap((r) => r.shapes.map(shapePattern))
  spawnSync('rg', ['--no-config', '-c', 'zzzzzzzz', root], { stdio: 'ignore' })
  const rgStarted = performance.now()
  const rg = spawnSync('rg', ['--no-config', '-l', ...patterns.flatMap((p) => ['-e', p]), root], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  const rgSeconds = (performance.now() - rgStarted) / 1000

  // 0. Anchor: the event loop's delay with no scan, for a few seconds, on this machine under its load now.
  const idle = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  idle.enable()
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS))
  idle.disable()

  // 1. A whole scan: progress gaps and the event loop's delay while it runs.
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  // The worker bundled as the Electron build bundles it: threads start as the app's do.
  const workerEntry = await bundleScanWorker()
  const whole = startRun(workerEntry)
  const started = performance.now()
  const busyBefore = performance.eventLoopUtilization()
  delay.enable()
  await whole.service.start(options)
  const last = await whole.ended
  delay.disable()
  const busy = performance.eventLoopUtilization(busyBefore)
  const seconds = (last.at - started) / 1000
  const times = [started, ...whole.progress.map((p) => p.at)]
  const gaps = times.slice(1).map((t, i) => t - times[i]!)
  const worst = gaps.indexOf(Math.max(...gaps))
  const worstWhere = worst === 0 ? 'start → first event' : `after ${whole.progress[worst - 1]!.event.files} files`

  // 2. The same scan, cancelled once a third of the files are done: cancel() → its last event.
  const cancelled = startRun(workerEntry)
  let cancelAt = 0
  let findingsAtCancel = 0
  await cancelled.service.start(options)
  const scanId = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const latest = cancelled.progress.at(-1)?.event
      if (latest && latest.phase !== 'files') reject(new Error('The scan ended before a third of it was done.'))
      if (latest && latest.files >= FILES / 3) resolve(latest.scanId)
      if (latest && (latest.phase !== 'files' || latest.files >= FILES / 3)) clearInterval(poll)
    }, 5)
  })
  cancelAt = performance.now()
  cancelled.service.cancel(scanId)
  findingsAtCancel = cancelled.findings()
  const cancelEnd = await cancelled.ended
  const cancelMs = cancelEnd.at - cancelAt

  const rows = [
    ['measure', 'value', 'goal'],
    [
      'Keywarden scan',
      `${last.event.files} files in ${seconds.toFixed(1)} s, ${(last.event.files / seconds).toFixed(0)} files/s, ${last.event.findings} found`,
      `${FILES / PER_FOLDER} keys`,
    ],
    [
      'ripgrep (anchor, same tree)',
      `${rg.stdout.split('\n').filter(Boolean).length} files with a match in ${rgSeconds.toFixed(1)} s, ${(FILES / rgSeconds).toFixed(0)} files/s`,
      '—',
    ],
    ['progress events', `${whole.progress.length}`, 'many, all along'],
    [
      'time between progress events',
      `p50 ${ms(quantile(gaps, 0.5))} · p95 ${ms(quantile(gaps, 0.95))} · max ${ms(Math.max(...gaps))} (${worstWhere})`,
      'max < 1000 ms',
    ],
    [
      'main-thread event-loop delay',
      `p50 ${lag(delay.percentile(50))} · p99 ${lag(delay.percentile(99))} · max ${lag(delay.max)}`,
      'max < 100 ms',
    ],
    [
      'main thread busy (event-loop utilization)',
      `${(busy.utilization * 100).toFixed(1)} % of the scan's time (${ms(busy.active)} in all)`,
      'small',
    ],
    [
      'event-loop delay, no scan running (anchor)',
      `p50 ${lag(idle.percentile(50))} · p99 ${lag(idle.percentile(99))} · max ${lag(idle.max)} (${IDLE_MS / 1000} s)`,
      '—',
    ],
    [
      'cancel latency (cancel → last event)',
      `${ms(cancelMs)} at ${cancelEnd.event.files} files; findings after cancel: ${cancelled.findings() - findingsAtCancel}`,
      '< 1000 ms, 0 after',
    ],
  ]
  process.stdout.write(
    [
      '',
      ...markdownTable(rows),
      '',
      `Machine: ${availableParallelism()} cores; load average (1 min) ${loadavg()[0]!.toFixed(2)} at the end (other processes share the cores).`,
      '',
    ].join('\n'),
  )
} finally {
  if (!KEEP) {
    rmSync(root, { recursive: true, force: true })
    rmSync(marker, { force: true })
  }
}
