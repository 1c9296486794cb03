import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import keytar from 'keytar'
import { startBrowserHost } from '@host/host-server'
import { silentLogger } from '@core/log'
import { keytarBackend } from '@core/vault/keytar-backend'
import { startSandbox } from '@sandbox/server'
import { serveAgGrid, type GridRow } from './ag-grid-page'
import { typeAndMeasureScript, watchTableScript } from './page-probes'

const NO_PROGRESS_BAR = `!document.querySelector('[role="progressbar"]')`

interface Opened {
  firstRowMs: number
  completeMs: number
}

export interface TableResults {
  keys: number
  live: Opened
  cached: Opened
  filterMs: number[]
  heapBytes: number
}

export interface ChromiumBenchResults {
  keywarden: TableResults
  agGrid: TableResults
  query: string
}

async function opened(page: Page, timeoutMs = 600_000): Promise<Opened> {
  await page.waitForFunction('window.__bench?.complete !== undefined', undefined, { timeout: timeoutMs, polling: 200 })
  const marks: unknown = await page.evaluate('window.__bench')
  const { firstRow, complete } = (marks ?? {}) as { firstRow?: unknown; complete?: unknown }
  if (typeof firstRow !== 'number' || typeof complete !== 'number') throw new Error('table probe failed')
  return { firstRowMs: firstRow, completeMs: complete }
}

/** Resolves once a saved list's head file (written last) is under `dir`. */
async function cacheSaved(dir: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs
  const saved = (): boolean => {
    try {
      return readdirSync(dir, { recursive: true }).some((name) => String(name).endsWith('.json'))
    } catch {
      return false
    }
  }
  while (!saved()) {
    if (Date.now() > until) throw new Error('the key cache was not saved after the full load')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize
}

async function openTable(page: Page, url: string, probe: Parameters<typeof watchTableScript>[0]): Promise<Opened> {
  await page.addInitScript({ content: watchTableScript(probe) })
  await page.goto(url)
  return opened(page)
}

async function measureTyping(page: Page, options: Parameters<typeof typeAndMeasureScript>[0]): Promise<number[]> {
  const times: unknown = await page.evaluate(typeAndMeasureScript(options))
  if (!Array.isArray(times) || !times.every((t) => typeof t === 'number')) throw new Error('typing probe failed')
  return times
}

/** Keywarden's table in the browser host and AG Grid Community on the same keys, in one Chromium. */
export async function chromiumTableBench(seedKeys: number): Promise<ChromiumBenchResults> {
  const sandbox = await startSandbox({ port: 0, seedKeys })
  const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-bench-'))
  const keychainService = `Keywarden-bench-${randomUUID()}`
  const host = await startBrowserHost({
    rendererDir: resolve('out/renderer'),
    dataDir,
    sandboxUrl: sandbox.url,
    keychain: keytarBackend,
    keychainService,
    log: silentLogger,
  })
  let browser: Browser | undefined
  try {
    const { items, total } = await sandbox.deps.keys.list({ dialect: 'gateway', tenantId: '', offset: 0, limit: 1e9 })
    const query = items[Math.floor(items.length / 2)]!.name.padEnd(17, '0').slice(0, 17)
    browser = await chromium.launch({ executablePath: process.env.KEYWARDEN_CHROMIUM ?? '/usr/bin/chromium' })
    // The probes poll with Playwright's own evaluation, which the host's CSP (no eval) would refuse.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true })
    const probe = { rowSelector: 'tr[data-key-id]', countSelector: '.keys__count', total }

    // Sign in once (the session is kept in the keychain); the first full load writes the cache.
    const signIn = await context.newPage()
    await signIn.addInitScript({ content: watchTableScript(probe) })
    await signIn.goto(host.newLink())
    const loginTab = context.waitForEvent('page')
    await signIn.getByRole('button', { name: 'Sign in', exact: true }).click()
    const tab = await loginTab
    await tab.getByLabel('Username').fill('admin')
    await tab.getByLabel('Password').fill('keywarden')
    await tab.getByRole('button', { name: 'Sign in' }).click()
    await opened(signIn)
    await signIn.waitForFunction(NO_PROGRESS_BAR, undefined, { timeout: 600_000 })
    await signIn.close()
    await tab.close()

    // Live: no cache, so the first rows are the first page.
    rmSync(join(dataDir, 'key-cache'), { recursive: true, force: true })
    const livePage = await context.newPage()
    const live = await openTable(livePage, host.newLink(), probe)
    await livePage.waitForFunction(NO_PROGRESS_BAR, undefined, { timeout: 600_000 })
    await livePage.close()
    // The core saves the cache after the list is complete: open the next page once it is there, or
    // that page would time a live load (or wait for the save).
    await cacheSaved(join(dataDir, 'key-cache'))

    // From the cache written by that load.
    const page = await context.newPage()
    const cached = await openTable(page, host.newLink(), probe)
    await page.waitForFunction(NO_PROGRESS_BAR, undefined, { timeout: 600_000 })
    const heapBytes = await heapAfterGc(page)
    const filterMs = await measureTyping(page, { inputSelector: 'input[type="search"]', rootSelector: '.keys', query })
    await page.close()
    const keywarden: TableResults = { keys: total, live, cached, filterMs, heapBytes }

    // AG Grid Community on the same keys, fed from a file.
    const rows: GridRow[] = items.map((key) => ({
      name: key.name,
      maskedKey: key.masked,
      status: key.status,
      permissions: key.permissions.join(' '),
      createdAt: key.createdAt.toISOString(),
      expiresAt: key.expiresAt?.toISOString() ?? null,
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      notes: key.notes,
    }))
    const grid = await serveAgGrid(rows)
    try {
      const gridProbe = { rowSelector: '.ag-row', countSelector: '#count', total }
      const gridPage = await context.newPage()
      const gridOpen = await openTable(gridPage, grid.url, gridProbe)
      const gridHeap = await heapAfterGc(gridPage)
      const gridFilter = await measureTyping(gridPage, { inputSelector: '#filter', rootSelector: '#grid', query })
      const agGrid: TableResults = {
        keys: rows.length,
        live: gridOpen,
        cached: gridOpen,
        filterMs: gridFilter,
        heapBytes: gridHeap,
      }
      return { keywarden, agGrid, query }
    } finally {
      await grid.close()
    }
  } finally {
    await browser?.close()
    await host.close()
    await sandbox.close()
    for (const { account } of await keytar.findCredentials(keychainService))
      await keytar.deletePassword(keychainService, account)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

/** The one table: each measure for both, the goal, and whether Keywarden meets it. */
export function printChromiumTable({ keywarden: k, agGrid: a, query }: ChromiumBenchResults): void {
  const ms = (n: number) => `${n.toFixed(0)} ms`
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
  const kp50 = percentile(k.filterMs, 50)
  const kp95 = percentile(k.filterMs, 95)
  const ap50 = percentile(a.filterMs, 50)
  const ap95 = percentile(a.filterMs, 95)
  const rows: [string, string, string, string, boolean | null][] = [
    ['full list load (open to count = total)', ms(k.live.completeMs), ms(a.live.completeMs), '', null],
    [
      'open to first row, live',
      ms(k.live.firstRowMs),
      ms(a.live.firstRowMs),
      `≤ 0.15× full load (${ms(0.15 * k.live.completeMs)})`,
      k.live.firstRowMs <= 0.15 * k.live.completeMs,
    ],
    [
      'open to first row, from the cache',
      ms(k.cached.firstRowMs),
      '—',
      `≤ 0.05× full load (${ms(0.05 * k.live.completeMs)})`,
      k.cached.firstRowMs <= 0.05 * k.live.completeMs,
    ],
    [`filter keydown→frame p50 ("${query}")`, `${kp50.toFixed(1)} ms`, `${ap50.toFixed(1)} ms`, '', null],
    [
      'filter keydown→frame p95',
      `${kp95.toFixed(1)} ms`,
      `${ap95.toFixed(1)} ms`,
      `≤ 16.7 ms and ≤ 0.5× AG Grid (${(0.5 * ap95).toFixed(1)} ms)`,
      kp95 <= 16.7 && kp95 <= 0.5 * ap95,
    ],
    [
      'JS heap after load (after GC)',
      mb(k.heapBytes),
      mb(a.heapBytes),
      `≤ 1.2× AG Grid (${mb(1.2 * a.heapBytes)})`,
      k.heapBytes <= 1.2 * a.heapBytes,
    ],
  ]
  console.log(
    `\nChromium: Keywarden (browser host, sandbox) vs AG Grid Community, ${k.keys.toLocaleString('en')} keys\n`,
  )
  console.log(`${'measure'.padEnd(44)} ${'Keywarden'.padStart(11)} ${'AG Grid'.padStart(11)}   goal`)
  for (const [label, mine, theirs, goal, met] of rows)
    console.log(
      `${label.padEnd(44)} ${mine.padStart(11)} ${theirs.padStart(11)}   ${goal}${met === null ? '' : met ? '  ✓' : '  ✗'}`,
    )
}
