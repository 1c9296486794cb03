/**
 * A real HTTP proxy on loopback in front of the sandbox that rate-limits key deletions the way an
 * API does: the first `throttled` DELETEs get 429 with `Retry-After: 1`, and a DELETE within that
 * window is refused again. One that comes well after the client got the 429 (so was sent after
 * it, not already in flight) but before the window passed is counted as too early.
 */
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ThrottlingProxy {
  url: string
  /** 429s answered (first ones and too-early ones). */
  refused: number
  /** DELETEs that came before the Retry-After the client was given had passed. */
  tooEarly: number
  /** DELETEs passed on to the sandbox. */
  passed: number
  close(): Promise<void>
}

const WINDOW_MS = 1000
/** On loopback, a request arriving this long after a 429 was sent after the client read it. */
const IN_FLIGHT_MS = 200

export async function throttlingProxy(target: string, throttled: number): Promise<ThrottlingProxy> {
  const upstream = new URL(target)
  let closedUntil = 0
  let lastRefusal = 0
  const proxy: ThrottlingProxy = { url: '', refused: 0, tooEarly: 0, passed: 0, close: async () => {} }
  const refuse = (res: ServerResponse) => {
    proxy.refused++
    lastRefusal = Date.now()
    closedUntil = lastRefusal + WINDOW_MS
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' })
    res.end(JSON.stringify({ error: { message: 'Too many requests; slow down.' } }))
  }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'DELETE') {
      const now = Date.now()
      if (now < closedUntil - 20) {
        if (now > lastRefusal + IN_FLIGHT_MS) proxy.tooEarly++
        return refuse(res)
      }
      if (proxy.refused < throttled) return refuse(res)
      proxy.passed++
    }
    const out = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    out.on('error', () => res.destroy())
    req.pipe(out)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return proxy
}
