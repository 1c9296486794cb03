// `npm run bench:seed`: `npm run sandbox -- --seed-keys 100000` on a fresh data folder, timed from
// the command to "listening", then every page of the gateway's key list read through the API.
// SEED_KEYS changes the count.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

const count = Number(process.env.SEED_KEYS ?? 100_000)
const PAGE_SIZE = 200
const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-seed-bench-'))
const started = performance.now()
const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--data', dataDir, '--reset', '--seed-keys', String(count)],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
)

try {
  // The CLI prints its URL, then this data folder's sandbox-cli secret.
  const [url, cliClientSecret] = await new Promise<[string, string]>((resolve, reject) => {
    let seen = ''
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen)
      const secret = /Machine client: sandbox-cli, secret (\S+)/.exec(seen)
      if (match && secret) resolve([match[1]!, secret[1]!])
    })
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)))
  })
  const readyMs = performance.now() - started

  const token = await fetch(`${url}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`sandbox-cli:${cliClientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  }).then(async (r) => ((await r.json()) as { access_token: string }).access_token)

  const pageTimes: number[] = []
  let listed = 0
  let path: string | undefined = `/v1/apikeys?page=0&size=${PAGE_SIZE}`
  const listStart = performance.now()
  while (path) {
    const t = performance.now()
    const body = (await (
      await fetch(`${url}/gateway${path}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      _embedded: { apikeys: unknown[] }
      _links: { next?: { href: string } }
    }
    pageTimes.push(performance.now() - t)
    listed += body._embedded.apikeys.length
    path = body._links.next?.href
  }
  const listMs = performance.now() - listStart
  pageTimes.sort((a, b) => a - b)
  const pct = (p: number) =>
    pageTimes[Math.min(pageTimes.length - 1, Math.floor((p / 100) * pageTimes.length))]!.toFixed(1)
  console.log(`--seed-keys ${count}: ready ${(readyMs / 1000).toFixed(1)} s after the command (goal: under 30 s)`)
  console.log(
    `listed ${listed} keys in ${pageTimes.length} pages of ${PAGE_SIZE}: ${(listMs / 1000).toFixed(1)} s, per page p50 ${pct(50)} ms, p99 ${pct(99)} ms`,
  )
} finally {
  child.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
}
