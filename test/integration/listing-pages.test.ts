import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { KeyLoadFailedEvent, KeyPageEvent } from '@shared/contracts/fleet'
import { KeyCache } from '@core/cache/key-cache'
import { systemClock } from '@core/clock'
import { SecretCopies } from '@core/keys/secret-copies'
import { KeyLoads } from '@core/listing/key-loads'
import { silentLogger } from '@core/log'
import type { EventSink } from '@core/platform'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { connectionServices, type ConnectionServices } from '../support/connection-services'
import { testKeychain } from '../support/signed-in-session'

// Progressive listing against the real sandbox (seeded with 2,000 extra gateway keys) over HTTP,
// through a real HTTP proxy in front of it that can fail or throttle a chosen page once.

const SEEDED = 2_000
let sandbox: Sandbox
let proxy: Proxy
const keychain = testKeychain()
const dirs: string[] = []

interface Proxy {
  url: string
  /** Paths with their query, in the order the proxy received them. */
  seen: string[]
  /** The most requests it had open at once. */
  peak: number
  /** Answers instead of the sandbox when it returns a status for a path. */
  fault: ((path: string) => { status: number; headers?: Record<string, string> } | undefined) | undefined
  /** Milliseconds to hold a request for a path before passing it on. */
  delay: ((path: string) => number) | undefined
  server: Server
}

async function startProxy(target: string): Promise<Proxy> {
  let open = 0
  const proxy: Proxy = { url: '', seen: [], peak: 0, fault: undefined, delay: undefined, server: createServer() }
  proxy.server.on('request', (req, res) => {
    const path = req.url ?? '/'
    proxy.seen.push(path)
    const fault = proxy.fault?.(path)
    if (fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers })
      res.end(JSON.stringify({ error: { message: `injected ${fault.status}` } }))
      return
    }
    open++
    proxy.peak = Math.max(proxy.peak, open)
    const headers: Record<string, string> = {}
    if (req.headers.authorization) headers.authorization = req.headers.authorization
    setTimeout(
      () => {
        fetch(`${target}${path}`, { method: req.method, headers }).then(
          async (answer) => {
            const body = await answer.text()
            open--
            res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' })
            res.end(body)
          },
          () => {
            open--
            res.destroy()
          },
        )
      },
      proxy.delay?.(path) ?? 0,
    )
  })
  await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`
  return proxy
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seedKeys: SEEDED })
  proxy = await startProxy(sandbox.url)
})
afterAll(async () => {
  await new Promise((resolve) => proxy?.server.close(resolve))
  await sandbox?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
afterEach(async () => {
  await keychain.clear()
  proxy.fault = undefined
  proxy.delay = undefined
  proxy.seen.length = 0
  proxy.peak = 0
})

interface Harness {
  services: ConnectionServices
  loads: KeyLoads
  pages: KeyPageEvent[]
  failures: KeyLoadFailedEvent[]
  cache: KeyCache
  /** Settles on the next done page or failure. */
  settled: () => Promise<'done' | 'failed'>
}

/** The gateway through the proxy, signed in as admin, with a KeyLoads that records its events. */
async function harness(): Promise<Harness> {
  const services = connectionServices(sandbox.url, keychain)
  await services.connections.ready
  const profile = await services.profileService.save({
    name: 'Gateway via proxy',
    dialect: 'gateway',
    apiBaseUrl: `${proxy.url}/gateway`,
    auth: { kind: 'oauth', issuer: sandbox.url, clientId: 'keywarden-desktop' },
  })
  await services.connections.select(profile.id)
  await services.connections.active().session.signIn()
  const pages: KeyPageEvent[] = []
  const failures: KeyLoadFailedEvent[] = []
  let waiter: ((outcome: 'done' | 'failed') => void) | undefined
  const emit: EventSink = (name, payload) => {
    if (name === 'keyPage') {
      const page = payload as KeyPageEvent
      pages.push(page)
      if (page.done) waiter?.('done')
    } else if (name === 'keyLoadFailed') {
      failures.push(payload as KeyLoadFailedEvent)
      waiter?.('failed')
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'keywarden-listing-'))
  dirs.push(dir)
  const cache = new KeyCache({ dir, vault: keychain.vault, log: silentLogger })
  const loads = new KeyLoads({
    connections: services.connections,
    copies: new SecretCopies(keychain.vault),
    cache,
    clock: systemClock,
    emit,
    log: silentLogger,
  })
  const settled = () => new Promise<'done' | 'failed'>((resolve) => (waiter = resolve))
  return { services, loads, pages, failures, cache, settled }
}

const ids = (pages: KeyPageEvent[]) => pages.flatMap((p) => p.keys.map((k) => k.id))
const keyPageRequests = (seen: string[]) => seen.filter((p) => p.startsWith('/gateway/v1/apikeys?'))

describe('progressive key listing', () => {
  it('streams every page, several at once, ending at the server’s total, and caches the full list', async () => {
    const h = await harness()
    const expected = (await h.services.keys.list()).keys.map((k) => k.id).sort()
    expect(expected.length).toBeGreaterThan(SEEDED)
    proxy.seen.length = 0
    proxy.peak = 0

    const done = h.settled()
    const start = await h.loads.start()
    expect(start.cached).toBeNull()
    expect(await done).toBe('done')

    const last = h.pages.at(-1)!
    expect(last.done).toBe(true)
    expect(h.pages.filter((p) => p.done)).toHaveLength(1)
    // The first page arrived (with the total) long before the end.
    expect(h.pages[0]!.done).toBe(false)
    expect(h.pages[0]!.total).toBe(expected.length)
    expect(h.pages[0]!.loaded).toBeLessThan(expected.length)
    expect(last.loaded).toBe(expected.length)
    expect(ids(h.pages).sort()).toEqual(expected)
    expect(h.pages.every((p) => p.loadId === start.loadId)).toBe(true)
    // Numbered pages with a known count are read in parallel, each once.
    expect(proxy.peak).toBeGreaterThan(1)
    const requested = keyPageRequests(proxy.seen)
    expect(new Set(requested).size).toBe(requested.length)

    // Saved once complete; the next start answers with the cache's head at once, its other parts
    // follow as events before any live page.
    const profileId = h.services.connections.active().profile.id
    await expect.poll(async () => (await h.cache.read(profileId, null))?.keys.length).toBe(expected.length)
    h.pages.length = 0
    const again = h.settled()
    const next = await h.loads.start()
    expect(next.cached?.total).toBe(expected.length)
    expect(next.cached?.keys.length).toBeLessThan(expected.length)
    await again
    const firstLive = h.pages.findIndex((p) => !p.cached)
    const cachedParts = h.pages.slice(0, firstLive)
    expect(cachedParts.length).toBeGreaterThan(0)
    expect(h.pages.slice(firstLive).every((p) => !p.cached)).toBe(true)
    expect(cachedParts.every((p) => p.loadId === next.loadId && p.total === expected.length)).toBe(true)
    expect(cachedParts.at(-1)!.loaded).toBe(expected.length)
    expect([...next.cached!.keys.map((k) => k.id), ...ids(cachedParts)].sort()).toEqual(expected)
  })

  it('a page that fails keeps the rows so far; Retry resumes from that page, not from the start', async () => {
    const h = await harness()
    let failedOnce = false
    proxy.fault = (path) => {
      if (!failedOnce && path.includes('page=5&')) {
        failedOnce = true
        return { status: 500 }
      }
      return undefined
    }
    const failed = h.settled()
    const start = await h.loads.start()
    expect(await failed).toBe('failed')
    const failure = h.failures[0]!
    expect(failure.loadId).toBe(start.loadId)
    expect(failure.error.code).toBe('SERVER')
    expect(failure.error.message).toContain('injected 500')
    expect(failure.loaded).toBeGreaterThan(0)
    expect(h.pages.some((p) => p.done)).toBe(false)
    const before = keyPageRequests(proxy.seen).length

    const done = h.settled()
    h.loads.retry(start.loadId!)
    expect(await done).toBe('done')
    const after = keyPageRequests(proxy.seen).slice(before)
    expect(after.some((p) => p.includes('page=5&'))).toBe(true)
    expect(after.some((p) => p.includes('page=0&'))).toBe(false)
    const all = ids(h.pages)
    expect(new Set(all).size).toBe(all.length)
    expect(h.pages.at(-1)!.loaded).toBe(h.pages.at(-1)!.total)
  })

  it('honours a 429: waits as asked and reads the page again', async () => {
    const h = await harness()
    let throttled = 0
    proxy.fault = (path) => {
      if (throttled === 0 && path.includes('page=3&')) {
        throttled++
        return { status: 429, headers: { 'retry-after': '1' } }
      }
      return undefined
    }
    const done = h.settled()
    await h.loads.start()
    expect(await done).toBe('done')
    expect(h.failures).toHaveLength(0)
    expect(keyPageRequests(proxy.seen).filter((p) => p.includes('page=3&'))).toHaveLength(2)
    expect(h.pages.at(-1)!.loaded).toBe(h.pages.at(-1)!.total)
  })

  it('switching profile mid-load cancels it at once: no page of the old profile after the switch', async () => {
    const h = await harness()
    // Every page after the first comes late, so the switch lands mid-load however fast the machine is.
    proxy.delay = (path) => (path.startsWith('/gateway/v1/apikeys?') && !path.includes('page=0&') ? 300 : 0)
    const start = await h.loads.start()
    await expect.poll(() => h.pages.length).toBeGreaterThan(0)
    const wallet = h.services.connections.overview().profiles.find((p) => p.profile.dialect === 'wallet')!
    await h.services.connections.select(wallet.profile.id)
    const atSwitch = h.pages.length
    // Long enough for the rest of the list to have arrived had it not been cancelled.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(h.pages.filter((p) => p.loadId === start.loadId).length).toBeLessThanOrEqual(atSwitch)
    expect(h.pages.some((p) => p.done)).toBe(false)
    expect(h.failures).toHaveLength(0)
  })

  it('the wallet (cursor pages) and pulse (offset pages with a total) stream to the same list as listKeys', async () => {
    const h = await harness()
    for (const dialect of ['wallet', 'pulse'] as const) {
      const entry = h.services.connections.overview().profiles.find((p) => p.profile.dialect === dialect)!
      await h.services.connections.select(entry.profile.id)
      await h.services.connections.active().session.signIn()
      const expected = (await h.services.keys.list()).keys.map((k) => k.id).sort()
      h.pages.length = 0
      const done = h.settled()
      await h.loads.start()
      expect(await done).toBe('done')
      expect(ids(h.pages).sort()).toEqual(expected)
      expect(h.pages.at(-1)!.total).toBe(dialect === 'pulse' ? expected.length : null)
    }
  })
})
