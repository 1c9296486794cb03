// `npm run bench:sandbox`: key-authenticated requests per second and p50/p99 latency per dialect,
// against an in-memory sandbox on loopback, at a fixed concurrency.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { runLoad, type LoadTarget } from './http-load'

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000)
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1000)

type Dialect = 'gateway' | 'wallet' | 'pulse'
/** A demo request authenticated by a fresh key, or why the dialect cannot be measured. */
type Prepared = { target: LoadTarget } | { skip: string }

async function startServer(): Promise<{ url: string; cliClientSecret: string; stop(): void }> {
  const script = fileURLToPath(new URL('./sandbox-server.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })
  const [url = '', cliClientSecret = ''] = await new Promise<string[]>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The sandbox exited (${code}) before it was ready.`)))
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) resolve(line.slice('READY '.length).split(' '))
    })
  })
  return { url, cliClientSecret, stop: () => child.kill('SIGTERM') }
}

async function adminToken(base: string, cliClientSecret: string): Promise<string> {
  const response = await fetch(`${base}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`sandbox-cli:${cliClientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  })
  if (!response.ok) throw new Error(`client_credentials grant failed: HTTP ${response.status}`)
  return ((await response.json()) as { access_token: string }).access_token
}

async function postJson(
  url: string,
  token: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, json: (await response.json().catch(() => ({}))) as Record<string, unknown> }
}

async function probe(target: LoadTarget): Promise<Prepared> {
  const response = await fetch(target.url, { method: target.method, headers: target.headers })
  await response.body?.cancel()
  if (response.status === 404) return { skip: `${new URL(target.url).pathname} answers 404 (dialect not mounted yet)` }
  if (response.status !== 200)
    return { skip: `${new URL(target.url).pathname} answers ${response.status} to a fresh key` }
  return { target }
}

const PREPARE: Record<Dialect, (base: string, token: string) => Promise<Prepared>> = {
  async gateway(base, token) {
    const created = await postJson(`${base}/gateway/v1/apikeys`, token, { name: 'bench-gateway', scopes: 'sale:read' })
    if (created.status !== 201) return { skip: `creating a key answered ${created.status}` }
    return probe({ url: `${base}/gateway/v1/sales`, method: 'GET', headers: { 'x-api-key': String(created.json.key) } })
  },
  async wallet(base, token) {
    const wallets = await fetch(`${base}/wallet/v1/wallets`, { headers: { authorization: `Bearer ${token}` } })
    if (wallets.status !== 200)
      return { skip: `GET /wallet/v1/wallets answers ${wallets.status} (dialect not mounted yet)` }
    const walletId = ((await wallets.json()) as { wallets: Array<{ id: string }> }).wallets[0]?.id
    if (!walletId) return { skip: 'no wallet to create a key in' }
    const created = await postJson(`${base}/wallet/v1/wallets/${walletId}/apikeys`, token, {
      name: `bench-wallet-${Date.now()}`,
      roles: { balances: 'view' },
    })
    if (created.status !== 201) return { skip: `creating a key answered ${created.status}` }
    return probe({
      url: `${base}/wallet/v1/demo/balances`,
      method: 'GET',
      headers: { 'x-api-key': String(created.json.value) },
    })
  },
  async pulse(base, token) {
    const created = await postJson(`${base}/pulse/apikeys`, token, {
      name: 'bench-pulse',
      permissions: ['readApplications'],
    })
    if (created.status === 404) return { skip: 'POST /pulse/apikeys answers 404 (dialect not mounted yet)' }
    if (created.status !== 201) return { skip: `creating a key answered ${created.status}` }
    return probe({
      url: `${base}/pulse/applications`,
      method: 'GET',
      headers: { 'x-api-key': String(created.json.apiKey), 'x-api-secret': String(created.json.apiSecret) },
    })
  },
}

const format = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })

async function main(): Promise<void> {
  const server = await startServer()
  try {
    const token = await adminToken(server.url, server.cliClientSecret)
    console.log(
      `Keywarden sandbox bench: ${CONCURRENCY} concurrent keep-alive connections, ${DURATION_MS / 1000}s per dialect after ${WARMUP_MS / 1000}s warm-up, loopback, in-memory sandbox in its own process.`,
    )
    console.log('dialect   demo request                         requests/s     p50 ms   p99 ms   non-200')
    for (const dialect of Object.keys(PREPARE) as Dialect[]) {
      const prepared = await PREPARE[dialect](server.url, token)
      if ('skip' in prepared) {
        console.log(`${dialect.padEnd(9)} skipped: ${prepared.skip}`)
        continue
      }
      const result = await runLoad(prepared.target, {
        concurrency: CONCURRENCY,
        durationMs: DURATION_MS,
        warmupMs: WARMUP_MS,
      })
      const request = `${prepared.target.method} ${new URL(prepared.target.url).pathname}`
      console.log(
        `${dialect.padEnd(9)} ${request.padEnd(36)} ${format(result.requestsPerSecond).padStart(10)} ${format(result.p50Ms, 2).padStart(10)} ${format(result.p99Ms, 2).padStart(8)} ${String(result.failures).padStart(9)}`,
      )
    }
  } finally {
    server.stop()
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
