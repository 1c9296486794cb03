import { getEventListeners } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiClient } from '@core/http/api-client'

// The API client's exchange: the answer is read within the request's time limit and its cancel, and
// once it is read nothing of the request stays on the caller's signal. A real HTTP server misbehaves on purpose.

let server: Server
let base: string
type Handler = (req: IncomingMessage, res: ServerResponse) => void
let handler: Handler = (_req, res) => res.end()

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume()
    req.on('end', () => handler(req, res))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`
})
afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
})

const tokens = { accessToken: async () => 'token', renewAfterRejection: async () => 'renewed' }
const client = (timeoutMs = 15_000) => new ApiClient(base, 'Test API', tokens, timeoutMs)
const keySchema = z.object({ id: z.string() })
/** Headers and the first half of the JSON, then nothing more. */
const stallMidAnswer: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.write('{"id":')
}

it('reads the answer and leaves no listener on the caller’s signal', async () => {
  handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"k1"}')
  const controller = new AbortController()
  const api = client()
  const answers = await Promise.all(
    Array.from({ length: 20 }, () =>
      api.request({
        method: 'GET',
        path: 'keys/k1',
        schema: keySchema,
        call: 'read the key',
        signal: controller.signal,
      }),
    ),
  )
  expect(answers).toEqual(Array.from({ length: 20 }, () => ({ id: 'k1' })))
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
})

it('an answer that stops halfway is TIMEOUT, naming the server and the call', async () => {
  handler = stallMidAnswer
  // A DELETE is tried once (a GET would be tried again after a time-out, as before the answer began).
  await expect(
    client(300).request({ method: 'DELETE', path: 'keys/k1', schema: z.unknown(), call: 'delete the key' }),
  ).rejects.toMatchObject({
    code: 'TIMEOUT',
    message: expect.stringContaining('did not answer within 0.3 seconds (delete the key)'),
  })
})

it('a cancel while the answer arrives is CANCELLED, and the listener is gone', async () => {
  handler = stallMidAnswer
  const controller = new AbortController()
  const pending = client().request({
    method: 'GET',
    path: 'keys/k1',
    schema: keySchema,
    call: 'read the key',
    signal: controller.signal,
  })
  setTimeout(() => controller.abort(), 100)
  await expect(pending).rejects.toMatchObject({ code: 'CANCELLED', message: 'Test API: read the key was cancelled.' })
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
})

it('a 401 is sent once more with a renewed token; a second 401 is the answer', async () => {
  const seen: string[] = []
  handler = (req, res) => {
    seen.push(req.headers.authorization ?? '')
    if (req.headers.authorization === 'Bearer renewed')
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"k1"}')
    else res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"expired"}')
  }
  await expect(
    client().request({ method: 'GET', path: 'keys/k1', schema: keySchema, call: 'read the key' }),
  ).resolves.toEqual({ id: 'k1' })
  expect(seen).toEqual(['Bearer token', 'Bearer renewed'])
  seen.length = 0
  handler = (req, res) => {
    seen.push(req.headers.authorization ?? '')
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"expired"}')
  }
  await expect(
    client().request({ method: 'GET', path: 'keys/k1', schema: keySchema, call: 'read the key' }),
  ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
  expect(seen).toEqual(['Bearer token', 'Bearer renewed'])
})
