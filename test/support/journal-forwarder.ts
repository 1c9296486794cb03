import { createServer, request, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A tiny loopback HTTP forwarder in front of the sandbox for the journal tests: it passes every
 * request on and, while `dropCreates` is set, lets the server handle a create (POST …/apikeys or
 * …/keys) and then cuts the connection instead of answering: "the answer was lost after the server
 * created the key". (The full fault proxy is test/support/fault-proxy.ts.)
 */
export interface DropForwarder {
  url: string
  dropCreates: boolean
  /** The same for changes of a key (PATCH): the server applies the change, the answer is lost. */
  dropChanges: boolean
  /** The same for deletes (revokes): the server deletes the key, the answer is lost. */
  dropDeletes: boolean
  /** Creates the server handled, whether their answer went through or not. */
  creates: number
  close(): Promise<void>
}

export async function startDropForwarder(target: string): Promise<DropForwarder> {
  const sockets = new Set<Socket>()
  const state = { dropCreates: false, dropChanges: false, dropDeletes: false, creates: 0 }
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target)
    const isCreate = req.method === 'POST' && /\/(apikeys|keys)$/.test(url.pathname)
    const isChange = req.method === 'PATCH'
    const isDelete = req.method === 'DELETE'
    const upstream = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
      const chunks: Buffer[] = []
      answer.on('data', (chunk: Buffer) => chunks.push(chunk))
      answer.on('end', () => {
        if (isCreate) state.creates++
        if ((isCreate && state.dropCreates) || (isChange && state.dropChanges) || (isDelete && state.dropDeletes)) {
          req.socket.destroy()
          return
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        res.end(Buffer.concat(chunks))
      })
    })
    upstream.on('error', () => req.socket.destroy())
    req.pipe(upstream)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  })
}
