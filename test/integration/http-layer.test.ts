import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { checkProfile } from '@core/connections/profile-check'
import { pulseLogin } from '@core/dialects/pulse/pulse-login'

// Pulse's API-key login and the profile check go through the same HTTP layer as the API client:
// the same timeout, the same error mapping. A real HTTP server misbehaves on purpose.

let server: Server
let base: string
type Handler = (req: IncomingMessage, res: ServerResponse) => void
let handler: Handler
const seen: Array<{ method: string; url: string }> = []

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '' })
    req.resume()
    req.on('end', () => handler(req, res))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pulse`
})
afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
})
afterEach(() => {
  seen.length = 0
})

const credentials = () => ({ apiBaseUrl: base, apiKey: 'apiKey-AbCdEfGhIjKlMnOpQrStUvWx', apiSecret: 'the-secret' })
const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))

describe('pulse login through the HTTP layer', () => {
  it('posts the key and secret to auth/login and returns the session token', async () => {
    handler = (_req, res) => json(res, 200, { token: 'session-token', expiresAt: '2030-01-01T00:00:00Z' })
    await expect(pulseLogin(credentials(), 'Pulse by key')).resolves.toEqual({
      token: 'session-token',
      expiresAt: Date.parse('2030-01-01T00:00:00Z'),
    })
    expect(seen).toEqual([{ method: 'POST', url: '/pulse/auth/login' }])
  })

  it('a refusal is AUTH_FAILED on the secret field', async () => {
    handler = (_req, res) => json(res, 401, { error: { message: 'bad credentials' } })
    await expect(pulseLogin(credentials(), 'Pulse by key')).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      fields: { apiSecret: expect.any(String) },
    })
  })

  it('a server failure keeps the server’s message and names the profile and the call; it is not retried', async () => {
    handler = (_req, res) => json(res, 503, { error: { message: 'maintenance' } })
    await expect(pulseLogin(credentials(), 'Pulse by key')).rejects.toMatchObject({
      code: 'SERVER',
      message: 'Pulse by key: could not sign in with the API key: maintenance',
    })
    expect(seen).toHaveLength(1)
  })

  it('an answer that is not JSON, or not the token shape, is BAD_RESPONSE naming the call', async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>')
    await expect(pulseLogin(credentials(), 'Pulse by key')).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      message: expect.stringContaining('sign in with the API key'),
    })
    handler = (_req, res) => json(res, 200, { token: '' })
    await expect(pulseLogin(credentials(), 'Pulse by key')).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      message: expect.stringContaining('not understood'),
    })
  })

  it('a server that never answers is TIMEOUT', async () => {
    handler = () => undefined
    await expect(pulseLogin(credentials(), 'Pulse by key', 300)).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('did not answer within 0.3 seconds (sign in with the API key)'),
    })
  })

  it('a closed port is NETWORK, which the profile check turns into a field error on the URL', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const apiBaseUrl = `http://127.0.0.1:${port}/pulse`
    await expect(pulseLogin({ ...credentials(), apiBaseUrl }, 'Pulse by key')).rejects.toMatchObject({
      code: 'NETWORK',
      message: expect.stringContaining('cannot reach'),
    })
    await expect(
      checkProfile({
        name: 'Pulse by key',
        dialect: 'pulse',
        apiBaseUrl,
        auth: { kind: 'api-key', apiKeyId: 'apiKey-x' },
        apiSecret: 's',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { apiBaseUrl: expect.any(String) } })
  })
})

describe('the profile check asks the dialect which sign-in methods it offers', () => {
  it('refuses an API-key sign-in for a dialect without one, before the key and secret are sent anywhere', async () => {
    handler = (_req, res) => json(res, 200, { token: 'session-token', expiresAt: '2030-01-01T00:00:00Z' })
    for (const dialect of ['gateway', 'wallet'] as const) {
      await expect(
        checkProfile({
          name: 'Wrong method',
          dialect,
          apiBaseUrl: base,
          auth: { kind: 'api-key', apiKeyId: 'apiKey-x' },
          apiSecret: 'the-secret',
        }),
      ).rejects.toMatchObject({
        code: 'VALIDATION',
        fields: { 'auth.kind': 'Only pulse profiles can sign in with an API key and secret.' },
      })
    }
    expect(seen).toEqual([])
    await expect(
      checkProfile({
        name: 'Right method',
        dialect: 'pulse',
        apiBaseUrl: base,
        auth: { kind: 'api-key', apiKeyId: 'apiKey-x' },
        apiSecret: 'the-secret',
      }),
    ).resolves.toBeUndefined()
    expect(seen).toHaveLength(1)
  })
})
