/**
 * A small real HTTP proxy on 127.0.0.1 in front of the sandbox that breaks requests the way a bad
 * network does: it drops a request (closes without forwarding), forwards and then drops the answer
 * (the server did the work; the client never hears of it), resets the connection in the middle of
 * the answer's body, delays, or answers 429 (with Retry-After) or 5xx itself. Which request gets
 * which fault follows rules (method, path, nth occurrence) or a seeded random draw, and every
 * exchange is counted and recorded.
 *
 *   const proxy = await startFaultProxy(sandbox.url)
 *   proxy.addRule({ method: 'POST', path: '/gateway/v1/apikeys', nth: 1, fault: { kind: 'drop-response' } })
 *   proxy.setRandom({ seed: 42, rate: 0.2 })
 *
 * The sandbox refuses a foreign Host (421): each request is forwarded with the sandbox's own Host.
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Fault =
  | { kind: 'drop-request' }
  | { kind: 'drop-response' }
  /** Sends the headers (with the full Content-Length) and `afterBytes` of the body (default: half), then resets. */
  | { kind: 'reset-body'; afterBytes?: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'status'; status: 429 | 500 | 502 | 503; retryAfterSeconds?: number }

export type FaultKind = Fault['kind']
export type Outcome = FaultKind | 'forwarded'

export interface FaultRule {
  method?: string
  /** Exact path (query ignored) or a pattern. */
  path?: string | RegExp
  /** Only the nth request (1-based) matching method and path; absent = every match. */
  nth?: number
  fault: Fault
}

export interface RandomFaults {
  seed: number
  /** Share of matching requests that get a fault, 0..1. */
  rate: number
  /** The faults drawn from (uniformly); default: one of each kind, delays of 20–300 ms. */
  faults?: readonly Fault[]
  /** Which requests may be faulted (default: all). */
  applies?: (method: string, path: string) => boolean
}

export interface Exchange {
  seq: number
  method: string
  path: string
  outcome: Outcome
  /** Whether the request reached the sandbox (it may have acted even though the client saw a failure). */
  reachedServer: boolean
  /** The sandbox's status, or the proxy's own (429/5xx); undefined when nothing was answered. */
  status?: number
  /** The sandbox's answer body as it sent it (kept only when `recordBodies`). */
  responseBody?: string
}

export interface FaultProxy {
  url: string
  counts(): Record<Outcome, number>
  exchanges: Exchange[]
  addRule(rule: FaultRule): void
  clearRules(): void
  setRandom(random: RandomFaults | null): void
  /** Called once per exchange, when the proxy is done with it (for a drop-response: after the server answered). */
  onExchange(listener: (exchange: Exchange) => void): () => void
  close(): Promise<void>
}

export interface FaultProxyOptions {
  /** Keep the sandbox's answer bodies in `exchanges` (tests that compare secrets). */
  recordBodies?: boolean
}

/** mulberry32: a tiny seeded PRNG, so a seed replays the same faults. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const DEFAULT_FAULTS: readonly Fault[] = [
  { kind: 'drop-request' },
  { kind: 'drop-response' },
  { kind: 'reset-body' },
  { kind: 'delay', ms: 20 },
  { kind: 'delay', ms: 300 },
  { kind: 'status', status: 429, retryAfterSeconds: 1 },
  { kind: 'status', status: 503 },
]

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']

interface Upstream {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

export async function startFaultProxy(targetUrl: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
  const target = new URL(targetUrl)
  const rules: Array<FaultRule & { seen: number }> = []
  let random: { config: RandomFaults; next: () => number } | null = null
  const exchanges: Exchange[] = []
  const listeners = new Set<(exchange: Exchange) => void>()
  const counts: Record<Outcome, number> = {
    forwarded: 0,
    'drop-request': 0,
    'drop-response': 0,
    'reset-body': 0,
    delay: 0,
    status: 0,
  }

  const choose = (method: string, path: string): Fault | undefined => {
    let chosen: Fault | undefined
    for (const rule of rules) {
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue
      if (rule.path !== undefined && !(typeof rule.path === 'string' ? rule.path === path : rule.path.test(path)))
        continue
      rule.seen++
      if (chosen === undefined && (rule.nth === undefined || rule.nth === rule.seen)) chosen = rule.fault
    }
    if (chosen || !random) return chosen
    const { config, next } = random
    if (config.applies && !config.applies(method, path)) return undefined
    if (next() >= config.rate) return undefined
    const faults = config.faults ?? DEFAULT_FAULTS
    return faults[Math.floor(next() * faults.length)]
  }

  const finish = (exchange: Exchange) => {
    counts[exchange.outcome]++
    exchanges.push(exchange)
    for (const listener of listeners) listener(exchange)
  }

  const forward = (req: IncomingMessage, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const headers: IncomingHttpHeaders = { ...req.headers, host: target.host }
      for (const name of HOP_BY_HOP) delete headers[name]
      headers['content-length'] = String(body.length)
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          )
          res.on('error', reject)
        },
      )
      upstream.on('error', reject)
      upstream.end(body)
    })

  const answer = (res: ServerResponse, upstream: Upstream) => {
    const headers: IncomingHttpHeaders = { ...upstream.headers }
    for (const name of HOP_BY_HOP) delete headers[name]
    headers['content-length'] = String(upstream.body.length)
    res.writeHead(upstream.status, headers)
    return headers
  }

  const handle = async (req: IncomingMessage, res: ServerResponse, seq: number) => {
    const method = (req.method ?? 'GET').toUpperCase()
    const path = (req.url ?? '/').split('?')[0]!
    const fault = choose(method, path)
    const base = { seq, method, path }
    if (fault?.kind === 'drop-request') {
      req.socket.destroy()
      finish({ ...base, outcome: 'drop-request', reachedServer: false })
      return
    }
    if (fault?.kind === 'status') {
      req.resume()
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds)
      const error = fault.status === 429 ? 'rate_limited' : 'unavailable'
      res.writeHead(fault.status, headers).end(JSON.stringify({ error, message: 'Injected by the fault proxy.' }))
      finish({ ...base, outcome: 'status', reachedServer: false, status: fault.status })
      return
    }
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms))
    let upstream: Upstream
    try {
      upstream = await forward(req, Buffer.concat(chunks))
    } catch {
      res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":"bad_gateway"}')
      finish({ ...base, outcome: 'forwarded', reachedServer: false, status: 502 })
      return
    }
    const seen = {
      ...base,
      reachedServer: true,
      status: upstream.status,
      ...(options.recordBodies ? { responseBody: upstream.body.toString('utf8') } : {}),
    }
    if (fault?.kind === 'drop-response') {
      // Listeners hear of it before the client does (a test may kill the client's process now).
      finish({ ...seen, outcome: 'drop-response' })
      req.socket.destroy()
      return
    }
    answer(res, upstream)
    if (fault?.kind === 'reset-body') {
      const cut = Math.min(upstream.body.length - 1, fault.afterBytes ?? Math.floor(upstream.body.length / 2))
      res.write(upstream.body.subarray(0, Math.max(0, cut)), () => req.socket.destroy())
      finish({ ...seen, outcome: 'reset-body' })
      return
    }
    res.end(upstream.body)
    finish({ ...seen, outcome: fault?.kind === 'delay' ? 'delay' : 'forwarded' })
  }

  let seq = 0
  const server = createServer((req, res) => {
    handle(req, res, ++seq).catch(() => req.socket.destroy())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    exchanges,
    addRule: (rule) => void rules.push({ ...rule, seen: 0 }),
    clearRules: () => void rules.splice(0),
    setRandom(config) {
      random = config ? { config, next: mulberry32(config.seed) } : null
    },
    onExchange(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
