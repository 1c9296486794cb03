// `npm run bench:scan`: a generated tree (≥ 20,000 files, ≥ 500 MB: source-like text, minified
// bundles, a few binaries) with planted keys of all three dialects and decoys (broken checksums,
// wrong lengths, keys inside binaries). On a warm page cache, in one run: Keywarden's scanner (its
// worker threads, as a folder scan runs them), ripgrep with the same recognizers' regular
// expressions, and secretlint's recommended preset (on a stated sample, scaled). The tree is removed
// afterwards. SCAN_BENCH_FILES and SCAN_BENCH_MB change the size, SCAN_BENCH_ROUNDS the rounds (best time counts).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { allRecognizers } from '@core/identify/recognizers'
import { shapePattern } from '@core/identify/shapes'
import { startFolderScan } from '@core/scan/folder-scan'
import { bundleScanWorker } from './scan/bundle-worker'
import {
  GATEWAY_KEY_FORMAT,
  newKeyValue,
  PULSE_SECRET_FORMAT,
  randomBase62,
  WALLET_KEY_FORMAT,
} from '@sandbox/keys/key-format'
import { newPulsePublicId } from '@sandbox/pulse/credentials'
import { markdownTable } from './markdown-table'

const FILES = Number(process.env.SCAN_BENCH_FILES ?? 20_000)
const TARGET_MB = Number(process.env.SCAN_BENCH_MB ?? 520)
const PLANTED_PER_DIALECT = 100
/** Rounds of the three tools; each one's best time is reported. */
const ROUNDS = Number(process.env.SCAN_BENCH_ROUNDS ?? 3)
/** secretlint reads every 50th text file; its rate is scaled from that sample. */
const SECRETLINT_EVERY = 50

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!
const MB = 1024 * 1024

// Pools of text cut into files: source-like lines, and minified bundle lines (one long line each).
const words = ['const', 'return', 'function', 'import', 'export', 'await', 'if', 'else', 'for', 'let', 'class', 'new']
function sourceBlock(bytes: number): string {
  const lines: string[] = []
  let size = 0
  while (size < bytes) {
    const line = `  ${pick(words)} ${randomBase62(8)}_${randomBase62(5)} = ${pick(words)}(${randomBase62(12)}, "${randomBase62(20)}") // ${randomBase62(30)}`
    lines.push(line)
    size += line.length + 1
  }
  return lines.join('\n') + '\n'
}
function minifiedBlock(bytes: number): string {
  let out = ''
  while (out.length < bytes) {
    // Long base62 runs (hashes, base64-ish data) are what a key pattern must wade through in bundles.
    out += `function ${randomBase62(3)}(e,t){return e.${randomBase62(4)}+t["${randomBase62(pick([24, 40, 46, 52, 64]))}"]||"${randomBase62(16)}"};`
  }
  return out + '\n'
}

interface Planted {
  text: string
  /** SHA-256 of what the scanner must report, or null for a decoy. */
  expect: string | null
}

function plants(): { texts: Planted[]; binaryDecoys: string[] } {
  const texts: Planted[] = []
  for (let i = 0; i < PLANTED_PER_DIALECT; i++) {
    const gateway = newKeyValue(GATEWAY_KEY_FORMAT)
    const wallet = newKeyValue(WALLET_KEY_FORMAT)
    const secret = newKeyValue(PULSE_SECRET_FORMAT)
    texts.push({ text: `GATEWAY_KEY="${gateway}"`, expect: sha256(gateway) })
    texts.push({ text: `wallet: { apiKey: '${wallet}' }`, expect: sha256(wallet) })
    texts.push({ text: `x-api-key: ${newPulsePublicId()}\nx-api-secret: ${secret}`, expect: sha256(secret) })
    // Decoys: a broken checksum (last symbol changed), and one symbol too many or too few.
    const broken = (v: string) => v.slice(0, -1) + (v.endsWith('0') ? '1' : '0')
    texts.push({
      text: `OLD_KEY="${broken(newKeyValue(pick([GATEWAY_KEY_FORMAT, WALLET_KEY_FORMAT])))}"`,
      expect: null,
    })
    texts.push({ text: `secret=${broken(newKeyValue(PULSE_SECRET_FORMAT))}`, expect: null })
    texts.push({ text: `key = "apk_${randomBase62(pick([39, 41]))}"`, expect: null })
    texts.push({ text: `key = "wk_${randomBase62(pick([39, 41]))}"`, expect: null })
  }
  const binaryDecoys = Array.from({ length: 50 }, () => newKeyValue(pick([GATEWAY_KEY_FORMAT, WALLET_KEY_FORMAT])))
  return { texts, binaryDecoys }
}

function generate(root: string) {
  const source = Array.from({ length: 32 }, () => sourceBlock(64 * 1024))
  const minified = Array.from({ length: 16 }, () => minifiedBlock(512 * 1024))
  const { texts, binaryDecoys } = plants()
  const binaries = 50
  const bundles = Math.round(FILES * 0.1)
  const sources = FILES - bundles - binaries
  // Sizes so the tree reaches TARGET_MB: bundles carry about 60 % of the bytes.
  const bundleBytes = Math.round((TARGET_MB * MB * 0.6) / bundles)
  const sourceBytes = Math.round((TARGET_MB * MB * 0.38) / sources)
  const plantAt = new Map<number, Planted[]>()
  for (const planted of texts) {
    const at = Math.floor(Math.random() * (sources + bundles))
    plantAt.set(at, [...(plantAt.get(at) ?? []), planted])
  }
  let bytes = 0
  let textFiles = 0
  const sample: string[] = []
  for (let i = 0; i < sources + bundles; i++) {
    const bundle = i >= sources
    const dir = join(root, bundle ? 'dist' : 'src', `pkg${i % 40}`, `mod${i % 7}`)
    mkdirSync(dir, { recursive: true })
    const pool = bundle ? pick(minified) : pick(source)
    const size = Math.round((bundle ? bundleBytes : sourceBytes) * (0.5 + Math.random()))
    const start = Math.floor(Math.random() * Math.max(1, pool.length - size))
    let body =
      pool.length >= size ? pool.slice(start, start + size) : pool.repeat(Math.ceil(size / pool.length)).slice(0, size)
    for (const planted of plantAt.get(i) ?? []) {
      const cut = body.indexOf('\n', Math.floor(Math.random() * body.length))
      body =
        cut === -1 ? `${body}\n${planted.text}\n` : `${body.slice(0, cut + 1)}${planted.text}\n${body.slice(cut + 1)}`
    }
    const path = join(dir, `file${i}${bundle ? '.min.js' : '.ts'}`)
    writeFileSync(path, body)
    bytes += Buffer.byteLength(body)
    textFiles++
    if (i % SECRETLINT_EVERY === 0) sample.push(path)
  }
  for (let i = 0; i < binaries; i++) {
    const dir = join(root, 'assets')
    mkdirSync(dir, { recursive: true })
    const noise = Buffer.from(randomBase62(200 * 1024))
    noise[10] = 0 // a NUL early on: a binary file
    writeFileSync(join(dir, `blob${i}.bin`), Buffer.concat([noise, Buffer.from(` ${binaryDecoys[i]} `), noise]))
  }
  const expected = new Set(texts.flatMap((t) => (t.expect ? [t.expect] : [])))
  return { bytes, textFiles, sample, expected }
}

function timed<T>(run: () => T): { value: T; seconds: number } {
  const started = performance.now()
  const value = run()
  return { value, seconds: (performance.now() - started) / 1000 }
}

async function keywarden(root: string, workerEntry: string) {
  const count = Math.max(1, Math.min(2, availableParallelism()))
  const found: string[] = []
  const perReader = new Map<number, number>()
  const started = performance.now()
  // As a folder scan runs it: one walker thread dealing files to `count` reader threads.
  const run = startFolderScan(
    { root, recognizers: allRecognizers(), includeVendored: false, maxBytes: 10 * MB, readers: count, workerEntry },
    (message, from) => {
      if (message.type === 'file-finds') found.push(...message.finds.map((f) => f.sha256))
      if (message.type === 'stats' && from.role === 'reader') perReader.set(from.index, message.files)
    },
  )
  await run.finished
  const files = [...perReader.values()].reduce((a, b) => a + b, 0)
  return { found, files, seconds: (performance.now() - started) / 1000 }
}

const patterns = allRecognizers().flatMap((r) => r.shapes.map(shapePattern))
const rgArgs = (root: string, extra: string[]) => [
  '--no-config',
  '--hidden',
  ...extra,
  ...patterns.flatMap((p) => ['-e', p]),
  root,
]

const root = mkdtempSync(join(tmpdir(), 'keywarden-scan-bench-'))
try {
  process.stdout.write(`Generating ${FILES} files (~${TARGET_MB} MB) in ${root}…\n`)
  const tree = timed(() => generate(root))
  const { bytes, textFiles, sample, expected } = tree.value
  process.stdout.write(
    `  ${textFiles} text files + 50 binaries, ${(bytes / MB).toFixed(0)} MB of text, in ${tree.seconds.toFixed(1)} s\n`,
  )

  // Warm the page cache: read every file once (ripgrep's file list, untimed).
  spawnSync('rg', ['--no-config', '--hidden', '-c', 'zzzzzzzz', root], { stdio: 'ignore' })

  // The worker bundled as the Electron build bundles it: threads start as the app's do.
  const workerEntry = await bundleScanWorker()
  const rc = join(root, '.secretlintrc.json')
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }))
  const sampleBytes = (sample.length / textFiles) * bytes
  // ROUNDS rounds, the three tools in turn each round; each tool's best time counts (other processes
  // load the machine unevenly), recall is the worst round's and false positives the most any round had.
  let kw = { found: [] as string[], files: 0, seconds: Infinity }
  let recall = Infinity
  let falsePositives = 0
  let rg: { value: SpawnSyncReturns<string> | null; seconds: number } = { value: null, seconds: Infinity }
  let sl: { value: SpawnSyncReturns<string> | null; seconds: number } = { value: null, seconds: Infinity }
  for (let round = 0; round < ROUNDS; round++) {
    const k = await keywarden(root, workerEntry)
    recall = Math.min(recall, k.found.filter((h) => expected.has(h)).length)
    falsePositives = Math.max(falsePositives, k.found.filter((h) => !expected.has(h)).length)
    if (k.seconds < kw.seconds) kw = k
    const r = timed(() =>
      spawnSync('rg', rgArgs(root, ['-o', '-N', '--no-filename']), { encoding: 'utf8', maxBuffer: 256 * MB }),
    )
    if (r.seconds < rg.seconds) rg = r
    const l = timed(() =>
      spawnSync('node_modules/.bin/secretlint', ['--secretlintrc', rc, '--no-color', ...sample], {
        encoding: 'utf8',
        maxBuffer: 64 * MB,
      }),
    )
    if (l.seconds < sl.seconds) sl = l
  }
  if (!rg.value || !sl.value) throw new Error('SCAN_BENCH_ROUNDS must be at least 1.')
  const rgMatches = rg.value.stdout.split('\n').filter(Boolean)
  const rgPlanted = new Set(rgMatches.map(sha256).filter((h) => expected.has(h))).size

  const slFindings = (sl.value.stdout.match(/\berror\b/g) ?? []).length
  // secretlint 13 declares Node ≥ 22 but runs on 20; exit 0 is clean, 1 is findings, anything else is no run.
  if (sl.value.status !== 0 && sl.value.status !== 1)
    throw new Error(`secretlint did not run (exit ${sl.value.status}): ${sl.value.stderr.slice(0, 500)}`)

  const mbps = (b: number, s: number) => b / MB / s
  const kwRate = mbps(bytes, kw.seconds)
  const rgRate = mbps(bytes, rg.seconds)
  const slRate = mbps(sampleBytes, sl.seconds)
  const rows = [
    ['tool', 'scope', 'MB', 's', 'MB/s', 'files/s', 'recall', 'false pos.'],
    [
      'Keywarden scanner',
      `whole tree, 1 walker + ${Math.max(1, Math.min(2, availableParallelism()))} readers`,
      (bytes / MB).toFixed(0),
      kw.seconds.toFixed(2),
      kwRate.toFixed(0),
      (kw.files / kw.seconds).toFixed(0),
      `${recall}/${expected.size}`,
      String(falsePositives),
    ],
    [
      'ripgrep (same regexes)',
      'whole tree',
      (bytes / MB).toFixed(0),
      rg.seconds.toFixed(2),
      rgRate.toFixed(0),
      (textFiles / rg.seconds).toFixed(0),
      `${rgPlanted}/${expected.size}`,
      `${rgMatches.length - rgPlanted} (no checksum)`,
    ],
    [
      'secretlint recommend',
      `1 in ${SECRETLINT_EVERY} files, scaled`,
      (sampleBytes / MB).toFixed(1),
      sl.seconds.toFixed(2),
      slRate.toFixed(1),
      (sample.length / sl.seconds).toFixed(0),
      '—',
      `${slFindings} reported (exit ${sl.value.status})`,
    ],
  ]
  process.stdout.write(
    [
      '',
      ...markdownTable(rows),
      '',
      `Keywarden / ripgrep: ${(kwRate / rgRate).toFixed(2)}× (goal ≥ 0.5×); Keywarden / secretlint: ${(kwRate / slRate).toFixed(1)}× (goal ≥ 10×).`,
      `Best of ${ROUNDS} rounds per tool. Machine: ${availableParallelism()} cores; load average (1 min) ${loadavg()[0]!.toFixed(2)} at the end of the run (other processes share the cores).`,
      `Planted: ${expected.size} keys (${PLANTED_PER_DIALECT} gateway, ${PLANTED_PER_DIALECT} wallet, ${PLANTED_PER_DIALECT} pulse id+secret pairs); decoys: ${PLANTED_PER_DIALECT * 4} in text (broken checksums, wrong lengths), 50 keys inside binaries.`,
      '',
    ].join('\n'),
  )
} finally {
  rmSync(root, { recursive: true, force: true })
}
