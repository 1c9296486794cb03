/**
 * HTTP the way an attacker on the same machine sends it: node:http with any Host header, and raw
 * TCP sockets for bodies that are huge or never arrive. No fetch: it would fix the Host header and
 * buffer the body.
 */
import { request, type IncomingHttpHeaders } from 'node:http'
import { connect, type Socket } from 'node:net'

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

export interface RawRequest {
  method?: string
  headers?: Record<string, string>
  body?: string
}

/** One request to `url` (its path and query), sent as is: the Host header is whatever `headers.host` says. */
export function rawRequest(url: string, { method = 'GET', headers = {}, body }: RawRequest = {}): Promise<RawResponse> {
  const target = new URL(url)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket))
    socket.once('error', reject)
  })
}

export interface FloodResult {
  /** Body bytes the server's side of the connection took (each write completed) before it closed. */
  bytesAccepted: number
  bytesOffered: number
  /** Everything the server sent back (status line, headers, body). */
  response: string
  closedByServer: boolean
}

/**
 * Sends `totalBytes` of chunked body after `head` (a request line and headers, no blank line),
 * one chunk at a time, waiting for each write. Stops when the server closes the connection.
 */
export async function floodChunkedBody(
  url: string,
  head: string,
  totalBytes: number,
  chunkBytes = 256 * 1024,
): Promise<FloodResult> {
  const socket = await openSocket(url)
  let response = ''
  let closed = false
  socket.on('data', (chunk: Buffer) => {
    response += chunk.toString('latin1')
  })
  const closedPromise = new Promise<void>((resolve) => {
    socket.on('close', () => {
      closed = true
      resolve()
    })
  })
  socket.on('error', () => undefined)
  const write = (data: string | Buffer): Promise<boolean> =>
    new Promise((resolve) => {
      if (closed || socket.destroyed) return resolve(false)
      socket.write(data, (error) => resolve(!error))
    })

  const chunk = Buffer.alloc(chunkBytes, 0x61)
  let accepted = 0
  if (await write(`${head}\r\nTransfer-Encoding: chunked\r\n\r\n`)) {
    while (accepted < totalBytes) {
      const ok = await write(Buffer.concat([Buffer.from(`${chunkBytes.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]))
      if (!ok) break
      accepted += chunkBytes
    }
    if (accepted >= totalBytes) await write('0\r\n\r\n')
  }
  // The server answers a finished body; give it a bounded moment to answer and close.
  await Promise.race([closedPromise, new Promise((resolve) => setTimeout(resolve, 5_000))])
  const closedByServer = closed
  socket.destroy()
  return { bytesAccepted: accepted, bytesOffered: totalBytes, response, closedByServer }
}

export interface StallResult {
  closedByServer: boolean
  response: string
}

/**
 * Sends `head` declaring `Content-Length: declaredBytes` and only `sentBytes` of it, then waits (at
 * most `maxWaitMs`, a bound, not a measurement) for the server to give up on the connection.
 */
export async function stallBody(
  url: string,
  head: string,
  declaredBytes: number,
  sentBytes: number,
  maxWaitMs: number,
): Promise<StallResult> {
  const socket = await openSocket(url)
  let response = ''
  socket.on('data', (chunk: Buffer) => {
    response += chunk.toString('latin1')
  })
  socket.on('error', () => undefined)
  const closed = new Promise<boolean>((resolve) => {
    socket.on('close', () => resolve(true))
    setTimeout(() => resolve(false), maxWaitMs).unref()
  })
  socket.write(`${head}\r\nContent-Length: ${declaredBytes}\r\n\r\n${'a'.repeat(sentBytes)}`)
  const closedByServer = await closed
  socket.destroy()
  return { closedByServer, response }
}
