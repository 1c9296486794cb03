// `npm run bench:bulk`: bulk revoke of 1,000 gateway keys through Keywarden's core bulk service
// (AppCore's startBulkRun, as the app calls it) against a plain loop of the same DELETE requests
// sent straight from this script, on one sandbox (a child process, seeded with `--seed-keys`). Both
// send 4 requests at a time (the core's BULK_CONCURRENCY). Goal: the service reaches at least 0.8x
// the plain loop's requests per second. Each round has a fresh sandbox and core, and the rounds
// alternate which run goes first (the first timed run tends to meet a busier machine), so the table
// shows the order effect; the verdict is on the sum of all rounds. BENCH_BULK_KEYS changes the count,
// BENCH_BULK_ROUNDS the number of rounds (4), BENCH_BULK_PROFILE=<folder> writes a CPU profile of each service run
// there (open it in Chrome's DevTools, Performance tab).
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import os, { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Conf from 'conf'
import { createAppCore, type AppCore } from '@core/app-core'
import { BULK_CONCURRENCY } from '@core/bulk/bulk-service'
import { silentLogger } from '@core/log'
import type { KeychainBackend } from '@core/vault/keychain-vault'
import { sandboxAccessToken } from '../test/support/sandbox-access-token'
import { ADMIN, browserPlatform, loginAs } from '../test/support/signed-in-session'

const COUNT = Number(process.env.BENCH_BULK_KEYS ?? 1000)
const GOAL = 0.8
const ROUNDS = Number(process.env.BENCH_BULK_ROUNDS ?? 4)
/** DELETEs sent (untimed) after the sign-in, before either run, so neither meets a cold or busy sandbox. */
const WARMUP = 200

/** The bench's keychain lives in memory: it measures HTTP and the run's bookkeeping, not the OS keyring. */
function memoryKeychain(): KeychainBackend {
  const entries = new Map<string, string>()
  const slot = (service: string, account: string) => `${service}\u0000${account}`
  return {
    getPassword: async (service, account) => entries.get(slot(service, account)) ?? null,
    setPassword: async (service, account, password) => void entries.set(slot(service, account), password),
    deletePassword: async (service, account) => entries.delete(slot(service, account)),
    findCredentials: async (service) =>
      [...entries]
        .filter(([key]) => key.startsWith(`${service}\u0000`))
        .map(([key, password]) => ({ account: key.slice(service.length + 1), password })),
  }
}

async function startSeededSandbox(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'sandbox/cli.ts',
      '--port',
      '0',
      '--data',
      dataDir,
      '--reset',
      '--seed-keys',
      String(COUNT * 2 + WARMUP),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let seen = ''
    const read = (chunk: Buffer) => {
      seen += chunk.toString()
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen)
      if (!match) return
      // The sandbox then logs a line per request: drained unread from here on. (Reading on into a growing
      // string cost this process CPU during the timed runs, more in each later one.)
      child.stdout.off('data', read)
      child.stdout.resume()
      resolve(match[1]!)
    }
    child.stdout.on('data', read)
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)))
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

/** Every seeded key's id (names start with "scale-"), read over the API. */
async function seededIds(url: string, token: string): Promise<string[]> {
  const ids: string[] = []
  let path: string | undefined = '/v1/apikeys?page=0&size=200'
  while (path) {
    const body = (await (
      await fetch(`${url}/gateway${path}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      _embedded: { apikeys: Array<{ id: string; name: string }> }
      _links: { next?: { href: string } }
    }
    ids.push(...body._embedded.apikeys.filter((k) => k.name.startsWith('scale-')).map((k) => k.id))
    path = body._links.next?.href
  }
  return ids
}

/** The plain loop: the same DELETE per key, `BULK_CONCURRENCY` at a time, nothing else. */
async function plainLoop(url: string, token: string, ids: string[]): Promise<number> {
  const queue = [...ids]
  let failures = 0
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      const response = await fetch(`${url}/gateway/v1/apikeys/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      })
      await response.arrayBuffer()
      if (response.status !== 204) failures++
    }
  }
  await Promise.all(Array.from({ length: BULK_CONCURRENCY }, worker))
  return failures
}

interface Timed {
  ms: number
  /** CPU time of this process (the core or the loop, and the fetches) per key, in microseconds. */
  cpuUs: number
  /** The service's start call (reads the key list, checks each key, writes the run); the loop has none. */
  startMs?: number
}

function cpuPerKey(since: NodeJS.CpuUsage, keys: number): number {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / keys
}

const PROFILE_DIR = process.env.BENCH_BULK_PROFILE

/** Runs `work` under the V8 CPU profiler when BENCH_BULK_PROFILE names a folder, and writes the profile there. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return work()
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  try {
    return await work()
  } finally {
    const { profile } = await session.post('Profiler.stop')
    mkdirSync(PROFILE_DIR, { recursive: true })
    writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile))
    session.disconnect()
  }
}

/** The service: from the call that starts the run to its end, as the user waits for it. */
async function serviceRun(core: AppCore, ended: Map<string, () => void>, ids: string[]): Promise<Timed> {
  const serviceStart = performance.now()
  const cpuStart = process.cpuUsage()
  let finish: () => void = () => {}
  const finished = new Promise<void>((resolve) => (finish = resolve))
  const started = await core.handlers.startBulkRun({ action: 'revoke', keyIds: ids })
  const startMs = performance.now() - serviceStart
  ended.set(started.id, finish)
  const current = (await core.handlers.listBulkRuns(undefined)).find((r) => r.id === started.id)!
  if (current.status === 'running') await finished
  const ms = performance.now() - serviceStart
  const cpuUs = cpuPerKey(cpuStart, ids.length)
  const run = (await core.handlers.listBulkRuns(undefined)).find((r) => r.id === started.id)!
  if (run.counts.done !== ids.length)
    throw new Error(`the service revoked ${run.counts.done} of ${ids.length}: ${JSON.stringify(run.counts)}`)
  return { ms, cpuUs, startMs }
}

async function loopRun(url: string, token: string, ids: string[]): Promise<Timed> {
  const start = performance.now()
  const cpuStart = process.cpuUsage()
  const failures = await plainLoop(url, token, ids)
  const ms = performance.now() - start
  const cpuUs = cpuPerKey(cpuStart, ids.length)
  if (failures > 0) throw new Error(`the plain loop had ${failures} failed DELETEs`)
  return { ms, cpuUs }
}

/** Round n: a fresh seeded sandbox and core, a warm-up, then both runs, the service first in even rounds. */
async function round(n: number): Promise<{ service: Timed; loop: Timed }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-bulk-bench-'))
  const appDir = mkdtempSync(join(tmpdir(), 'keywarden-bulk-bench-app-'))
  const sandbox = await startSeededSandbox(dataDir)
  try {
    const token = await sandboxAccessToken(sandbox.url, 'admin')
    const ids = await seededIds(sandbox.url, token)
    if (ids.length < COUNT * 2 + WARMUP)
      throw new Error(`expected ${COUNT * 2 + WARMUP} seeded keys, found ${ids.length}`)
    const forService = ids.slice(0, COUNT)
    const forLoop = ids.slice(COUNT, COUNT * 2)

    const ended = new Map<string, () => void>()
    const core = createAppCore({
      settings: new Conf({ cwd: appDir, configName: 'settings', projectName: 'keywarden' }),
      keychain: memoryKeychain(),
      keychainService: 'Keywarden-bench',
      dataDir: appDir,
      platform: browserPlatform(loginAs(ADMIN)),
      // The renderer learns a run ended from its bulkProgress event; so does the bench.
      emit: (name, payload) => {
        const progress = payload as { runId?: string; status?: string }
        if (name === 'bulkProgress' && (progress.status === 'finished' || progress.status === 'cancelled'))
          ended.get(progress.runId ?? '')?.()
      },
      log: silentLogger,
      sandboxUrl: sandbox.url,
    })
    try {
      await core.ready
      const profiles = (await core.handlers.listProfiles(undefined)).profiles
      const gateway = profiles.find((p) => p.profile.dialect === 'gateway')!
      await core.handlers.selectProfile({ profileId: gateway.profile.id })
      await core.handlers.signIn(undefined)
      // Untimed: warms the sandbox, and lets what a sign-in starts in the background (the reminders' first read of
      // every key) end before either run is timed.
      if ((await plainLoop(sandbox.url, token, ids.slice(COUNT * 2, COUNT * 2 + WARMUP))) > 0)
        throw new Error('the warm-up DELETEs failed')
      if (n % 2 === 0) {
        const service = await profiled(`service-${n}`, () => serviceRun(core, ended, forService))
        return { service, loop: await loopRun(sandbox.url, token, forLoop) }
      }
      const loop = await loopRun(sandbox.url, token, forLoop)
      return { service: await profiled(`service-${n}`, () => serviceRun(core, ended, forService)), loop }
    } finally {
      await core.dispose()
    }
  } finally {
    sandbox.stop()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(appDir, { recursive: true, force: true })
  }
}

const load = () => os.loadavg()[0]!.toFixed(2)
const rate = (ms: number) => (COUNT / (ms / 1000)).toFixed(0).padStart(6)
const seconds = (ms: number) => `${(ms / 1000).toFixed(2).padStart(5)} s`
console.log(`Bulk revoke of ${COUNT} gateway keys on the sandbox, ${BULK_CONCURRENCY} at a time; load ${load()}`)
console.log("CPU: this process's CPU time per key during the run (the sandbox is another process)")
console.log('| round | first   | plain loop        | CPU    | service           | CPU    | of which start | ratio |')
console.log('|-------|---------|-------------------|--------|-------------------|--------|----------------|-------|')
let loopTotal = 0
let serviceTotal = 0
for (let n = 0; n < ROUNDS; n++) {
  const serviceFirst = n % 2 === 0
  const { service, loop } = await round(n)
  loopTotal += loop.ms
  serviceTotal += service.ms
  const cells = [
    String(n + 1).padStart(5),
    (serviceFirst ? 'service' : 'loop').padEnd(7),
    `${seconds(loop.ms)} ${rate(loop.ms)}/s`,
    `${loop.cpuUs.toFixed(0).padStart(3)} µs`,
    `${seconds(service.ms)} ${rate(service.ms)}/s`,
    `${service.cpuUs.toFixed(0).padStart(3)} µs`,
    `${service.startMs!.toFixed(0)} ms`.padStart(14),
    (loop.ms / service.ms).toFixed(2).padStart(5),
  ]
  console.log(`| ${cells.join(' | ')} |`)
}
const ratio = loopTotal / serviceTotal
const verdict = ratio >= GOAL ? 'met' : 'NOT met'
console.log(`ratio service / plain loop, all ${ROUNDS} rounds: ${ratio.toFixed(2)}x (goal >= ${GOAL}x) ${verdict}`)
console.log(`load at the end: ${load()}`)
