import { Agent, request } from 'node:http'

export interface LoadTarget {
  url: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
}

export interface LoadResult {
  requests: number
  /** Answers other than 200. */
  failures: number
  seconds: number
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
}

function send(agent: Agent, target: LoadTarget): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(target.url, { method: target.method, headers: target.headers, agent }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

const percentile = (sorted: Float64Array, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN

/**
 * `concurrency` keep-alive connections, each sending its next request as soon as the last one is
 * answered (closed loop), for `durationMs` after a `warmupMs` that is not measured.
 */
export async function runLoad(
  target: LoadTarget,
  { concurrency, durationMs, warmupMs }: { concurrency: number; durationMs: number; warmupMs: number },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const latencies: number[] = []
  let failures = 0
  const warmupEnds = performance.now() + warmupMs
  const deadline = warmupEnds + durationMs
  const worker = async (): Promise<void> => {
    for (;;) {
      const started = performance.now()
      if (started >= deadline) return
      const status = await send(agent, target)
      if (started < warmupEnds) continue
      latencies.push(performance.now() - started)
      if (status !== 200) failures++
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  agent.destroy()
  const sorted = Float64Array.from(latencies).sort()
  return {
    requests: latencies.length,
    failures,
    seconds: durationMs / 1000,
    requestsPerSecond: latencies.length / (durationMs / 1000),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  }
}
