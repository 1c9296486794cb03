import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiClient } from '@core/http/api-client'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { signedInSession, testKeychain, type SessionHarness } from '../support/signed-in-session'

// ApiClient's own rules, against a real HTTP server that misbehaves on purpose, with a real
// session (signed in to the sandbox) as its token source.

let sandbox: Sandbox
let server: Server
let base: string
let session: SessionHarness
const keychain = testKeychain()
type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void
let handler: Handler
const seen: Array<{ method: string; authorization?: string; idempotencyKey?: string }> = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  session = await signedInSession(sandbox, keychain)
  server = createServer((req, res) => {
    seen.push({
      method: req.method ?? '',
      authorization: req.headers.authorization,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
    })
    req.resume()
    req.on('end', () => handler(req, res, seen.length))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`
})
afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  await sandbox?.close()
  await keychain.clear()
})
afterEach(() => {
  seen.length = 0
})

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
const client = (timeoutMs = 2_000) => new ApiClient(base, 'Test API', session.session, timeoutMs)
const okSchema = z.object({ ok: z.literal(true) })

describe('ApiClient', () => {
  it('retries a read after a 503 and sends the real bearer token', async () => {
    handler = (_req, res, attempt) =>
      attempt === 1 ? json(res, 503, { error: { message: 'busy' } }) : json(res, 200, { ok: true })
    await expect(
      client().request({ method: 'GET', path: 'thing', schema: okSchema, call: 'read a thing' }),
    ).resolves.toEqual({ ok: true })
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET'])
    expect(seen[0]!.authorization).toBe(`Bearer ${await session.session.accessToken()}`)
  })

  it('never retries a create without an Idempotency-Key', async () => {
    handler = (_req, res) => json(res, 503, { error: { message: 'busy' } })
    await expect(
      client().request({ method: 'POST', path: 'thing', body: { a: 1 }, schema: okSchema, call: 'create a thing' }),
    ).rejects.toMatchObject({ code: 'SERVER', message: 'Test API: could not create a thing: busy' })
    expect(seen).toHaveLength(1)
  })

  it('retries a create whose answer was lost, with the same Idempotency-Key', async () => {
    // The first attempt reaches the server, which then drops the connection: the answer is lost.
    handler = (req, res, attempt) => (attempt === 1 ? req.socket.destroy() : json(res, 201, { ok: true }))
    const created = await client().request({
      method: 'POST',
      path: 'thing',
      body: { a: 1 },
      schema: okSchema,
      call: 'create a thing',
      idempotencyKey: 'k-123',
    })
    expect(created).toEqual({ ok: true })
    expect(seen.map((s) => s.idempotencyKey)).toEqual(['k-123', 'k-123'])
  })

  it('gives up on a server that never answers with TIMEOUT, after its retries', async () => {
    handler = () => {}
    await expect(
      client(300).request({ method: 'GET', path: 'slow', schema: okSchema, call: 'read slowly' }),
    ).rejects.toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('did not answer within 0.3 seconds') })
    expect(seen).toHaveLength(3)
  })

  it('after a 401 renews the session once and retries with the new token', async () => {
    const before = await session.session.accessToken()
    handler = (req, res) =>
      req.headers.authorization === `Bearer ${before}`
        ? json(res, 401, { error: { message: 'expired' } })
        : json(res, 200, { ok: true })
    await expect(
      client().request({ method: 'GET', path: 'thing', schema: okSchema, call: 'read a thing' }),
    ).resolves.toEqual({ ok: true })
    expect(seen).toHaveLength(2)
    expect(seen[1]!.authorization).not.toBe(`Bearer ${before}`)
    expect(sandbox.issuedTokenValues()).toContain(seen[1]!.authorization!.slice('Bearer '.length))
  })

  it('keeps the server’s message and the field it names, and refuses links to another server', async () => {
    handler = (_req, res) =>
      json(res, 400, { error: { code: 'invalid_request', message: 'Name is too long.', details: { field: 'name' } } })
    await expect(
      client().request({ method: 'POST', path: 'thing', body: {}, schema: okSchema, call: 'create a thing' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { name: 'Name is too long.' },
    })
    await expect(
      client().request({ method: 'GET', path: 'http://elsewhere.example/x', schema: okSchema, call: 'follow a link' }),
    ).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
  })
})
