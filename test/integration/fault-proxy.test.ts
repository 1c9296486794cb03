/**
 * The fault proxy against the real sandbox over real HTTP: each fault does what it says, and the
 * sandbox's own store shows whether the request reached it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { startFaultProxy, type FaultProxy, type Outcome } from '../support/fault-proxy'
import { rawRequest } from '../support/raw-http'
import { sandboxAccessToken } from '../support/sandbox-access-token'

let sandbox: Sandbox
let proxy: FaultProxy
let token: string

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  token = await sandboxAccessToken(sandbox.url, 'admin')
})
afterAll(() => sandbox.close())
beforeEach(async () => {
  await proxy?.close()
  proxy = await startFaultProxy(sandbox.url, { recordBodies: true })
})

const KEYS_PATH = '/gateway/v1/apikeys'

function createThroughProxy(name: string, idempotencyKey?: string) {
  return rawRequest(`${proxy.url}${KEYS_PATH}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify({ name, scopes: 'sale:read' }),
  })
}

async function serverKeysNamed(name: string) {
  const { items } = await sandbox.deps.keys.list({ dialect: 'gateway', tenantId: '', offset: 0, limit: 10_000 })
  return items.filter((key) => key.name === name)
}

const discovery = () => rawRequest(`${proxy.url}/.well-known/openid-configuration`)

describe('fault proxy', () => {
  it('forwards with the sandbox’s own Host, which the sandbox otherwise refuses', async () => {
    const direct = await rawRequest(`${sandbox.url}/.well-known/openid-configuration`, {
      headers: { host: new URL(proxy.url).host },
    })
    expect(direct.status).toBe(421)
    const through = await discovery()
    expect(through.status).toBe(200)
    expect(JSON.parse(through.body)).toMatchObject({ issuer: sandbox.url })
    expect(proxy.counts().forwarded).toBe(1)
  })

  it('drops a request without forwarding it: the client fails and the server made nothing', async () => {
    proxy.addRule({ method: 'POST', path: KEYS_PATH, fault: { kind: 'drop-request' } })
    await expect(createThroughProxy('proxy drop-request')).rejects.toThrow()
    expect(await serverKeysNamed('proxy drop-request')).toHaveLength(0)
    expect(proxy.exchanges).toMatchObject([{ outcome: 'drop-request', reachedServer: false }])
  })

  it('drops the answer after the server acted: the client fails, the key exists once, the proxy saw its value', async () => {
    proxy.addRule({ method: 'POST', path: KEYS_PATH, fault: { kind: 'drop-response' } })
    const seen: string[] = []
    proxy.onExchange((exchange) => seen.push(`${exchange.outcome} ${exchange.status}`))
    await expect(createThroughProxy('proxy drop-response')).rejects.toThrow()
    const [stored, ...more] = await serverKeysNamed('proxy drop-response')
    expect(more).toHaveLength(0)
    expect(seen).toEqual(['drop-response 201'])
    const body = JSON.parse(proxy.exchanges[0]!.responseBody!) as { id: string; key: string }
    expect(body.id).toBe(stored!.id)
    expect(body.key.length).toBeGreaterThan(10)
  })

  it('resets the connection in the middle of the answer body', async () => {
    proxy.addRule({ path: '/.well-known/openid-configuration', fault: { kind: 'reset-body', afterBytes: 20 } })
    await expect(discovery()).rejects.toThrow(/aborted|ECONNRESET|socket hang up/)
    expect(proxy.exchanges).toMatchObject([{ outcome: 'reset-body', reachedServer: true, status: 200 }])
    // The next request is not touched by an nth-less rule on another path.
    expect((await rawRequest(`${proxy.url}/openapi.json`)).status).not.toBe(0)
  })

  it('delays a request: a later request overtakes it', async () => {
    proxy.addRule({ path: '/.well-known/openid-configuration', nth: 1, fault: { kind: 'delay', ms: 400 } })
    const order: string[] = []
    const slow = discovery().then((r) => order.push(`delayed ${r.status}`))
    // Wait until the proxy has the delayed one, then send another.
    await new Promise((resolve) => setTimeout(resolve, 50))
    await discovery().then((r) => order.push(`plain ${r.status}`))
    await slow
    expect(order).toEqual(['plain 200', 'delayed 200'])
    expect(proxy.counts()).toMatchObject({ delay: 1, forwarded: 1 })
  })

  it('answers 429 with Retry-After and 503 itself, without reaching the server', async () => {
    proxy.addRule({
      method: 'POST',
      path: KEYS_PATH,
      nth: 1,
      fault: { kind: 'status', status: 429, retryAfterSeconds: 7 },
    })
    proxy.addRule({ method: 'POST', path: KEYS_PATH, nth: 2, fault: { kind: 'status', status: 503 } })
    const limited = await createThroughProxy('proxy status')
    expect(limited.status).toBe(429)
    expect(limited.headers['retry-after']).toBe('7')
    expect((await createThroughProxy('proxy status')).status).toBe(503)
    expect(await serverKeysNamed('proxy status')).toHaveLength(0)
    // The third matching request is forwarded.
    expect((await createThroughProxy('proxy status')).status).toBe(201)
    expect(await serverKeysNamed('proxy status')).toHaveLength(1)
    expect(proxy.counts()).toMatchObject({ status: 2, forwarded: 1 })
  })

  it('a retried create with the same Idempotency-Key after a dropped answer replays the same key', async () => {
    proxy.addRule({ method: 'POST', path: KEYS_PATH, nth: 1, fault: { kind: 'drop-response' } })
    await expect(createThroughProxy('proxy replay', 'replay-key-1')).rejects.toThrow()
    const replay = await createThroughProxy('proxy replay', 'replay-key-1')
    expect(replay.status).toBe(201)
    const first = JSON.parse(proxy.exchanges[0]!.responseBody!) as { id: string; key: string }
    expect(JSON.parse(replay.body)).toMatchObject({ id: first.id, key: first.key })
    expect(await serverKeysNamed('proxy replay')).toHaveLength(1)
  })

  it('a seed replays the same random faults; another seed draws others', async () => {
    const run = async (seed: number): Promise<Outcome[]> => {
      await proxy.close()
      proxy = await startFaultProxy(sandbox.url)
      proxy.setRandom({
        seed,
        rate: 0.5,
        faults: [
          { kind: 'status', status: 500 },
          { kind: 'delay', ms: 1 },
        ],
      })
      for (let n = 0; n < 30; n++) await rawRequest(`${proxy.url}/openapi.json`)
      return proxy.exchanges.map((exchange) => exchange.outcome)
    }
    const first = await run(7)
    expect(await run(7)).toEqual(first)
    expect(await run(8)).not.toEqual(first)
    expect(first.filter((outcome) => outcome !== 'forwarded').length).toBeGreaterThan(5)
    expect(first.filter((outcome) => outcome === 'forwarded').length).toBeGreaterThan(5)
  })
})
