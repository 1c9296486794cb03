// `npx tsx bench/key-table-bench.ts`: the key table's filter and sort pipeline on 100,000 keys,
// as the renderer runs it (renderer/src/features/keys/key-filter.ts), in milliseconds: the median
// of several runs after a warm-up. BENCH_KEYS and BENCH_RUNS change the size and the repetitions.
import { performance } from 'node:perf_hooks'
import type { ApiKey } from '@shared/domain/api-key'

import {
  appendKeys,
  filterFrom,
  filterKeyViews,
  indexKeys,
  refineHits,
  sortKeyViews,
  type FilterResult,
  type KeyFilter,
  type KeyIndex,
  type KeySortColumn,
} from '@renderer/features/keys/key-filter'

const KEY_COUNT = Number(process.env.BENCH_KEYS ?? 100_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const DAY = 24 * 60 * 60 * 1000

/** A fixed pseudo-random sequence, so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function generateKeys(count: number, now: number): ApiKey[] {
  const next = random(42)
  const teams = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'wonka']
  const purposes = ['backend', 'reporting', 'checkout', 'payouts', 'mobile', 'billing', 'sync']
  const resources = ['balances', 'payments', 'payouts', 'beneficiaries', 'cards', 'reports']
  const keys: ApiKey[] = []
  for (let i = 0; i < count; i++) {
    const permissions: Record<string, 'view' | 'change'> = {}
    for (const resource of resources) {
      const roll = next()
      if (roll < 0.25) permissions[resource] = 'change'
      else if (roll < 0.5) permissions[resource] = 'view'
    }
    const expiry = next()
    const expiresAt =
      expiry < 0.05
        ? now - next() * 90 * DAY
        : expiry < 0.08
          ? now + next() * 6 * DAY
          : expiry < 0.9
            ? now + (7 + next() * 365) * DAY
            : null
    const lastUsed = next()
    keys.push({
      id: `key_${i.toString(36).padStart(6, '0')}`,
      name: `${teams[i % teams.length]}-${purposes[Math.floor(next() * purposes.length)]}-${i}`,
      maskedKey: `apk_${i.toString(36).slice(0, 3)}***${Math.floor(next() * 46656)
        .toString(36)
        .padStart(3, '0')}`,
      status: next() < 0.1 ? 'disabled' : 'active',
      permissions,
      nativePermissions: Object.entries(permissions).map(
        ([resource, access]) => `${resource}:${access === 'change' ? 'write' : 'read'}`,
      ),
      expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
      notes:
        next() < 0.4
          ? `Contact ${teams[Math.floor(next() * teams.length)]} ops, ticket #${Math.floor(next() * 10_000)}`
          : null,
      createdAt: new Date(now - next() * 800 * DAY).toISOString(),
      lastUsedAt: lastUsed < 0.2 ? null : new Date(now - lastUsed * 60 * DAY).toISOString(),
      accountId: null,
    })
  }
  return keys
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Median milliseconds of `RUNS` runs after two warm-up runs; the last result, to show its size. */
function measure<T>(work: () => T): { ms: number; result: T } {
  work()
  let result = work()
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now()
    result = work()
    times.push(performance.now() - start)
  }
  return { ms: median(times), result }
}

const row = (label: string, ms: number, detail: string) =>
  console.log(`${label.padEnd(50)} ${ms.toFixed(2).padStart(9)} ms   ${detail}`)

const now = new Date()
const keys = generateKeys(KEY_COUNT, now.getTime())
console.log(
  `key table pipeline: ${KEY_COUNT.toLocaleString('en')} keys, median of ${RUNS} runs (Node ${process.version})\n`,
)

const indexed = measure(() => indexKeys(keys, now))
row('index (indexKeys, once per list)', indexed.ms, `${indexed.result.views.length} views`)
const index: KeyIndex = indexed.result
/** The same views with no column sorted yet, as right after a list loads. */
const fresh = (): KeyIndex => ({ ...index, ascending: new Map() })

console.log('\nsort, first click on a column (sorts the whole list)')
const columns: KeySortColumn[] = ['created', 'name', 'permissions', 'status', 'expiry', 'notes', 'lastUsed', 'key']
for (const column of columns) {
  const { ms } = measure(() => sortKeyViews(fresh(), { column, desc: false }))
  row(`  ${column}`, ms, '')
}
console.log("\nsort, later clicks (the column's order is kept for the list)")
for (const column of columns) {
  for (const desc of [false, true]) {
    sortKeyViews(index, { column, desc })
    const { ms } = measure(() => sortKeyViews(index, { column, desc }))
    row(`  ${column} ${desc ? 'descending' : 'ascending'}`, ms, '')
  }
}
const sorted = sortKeyViews(index, { column: 'created', desc: true })

console.log('\nfilter (the sorted list, once per keystroke or status change)')
const filters: [string, KeyFilter][] = [
  ['text "a" (one letter)', { text: 'a', status: 'all' }],
  ['text "acme"', { text: 'acme', status: 'all' }],
  ['text "acme-checkout-4"', { text: 'acme-checkout-4', status: 'all' }],
  ['text "payments · change"', { text: 'payments · change', status: 'all' }],
  ['text "ticket #12"', { text: 'ticket #12', status: 'all' }],
  ['text "acme billing" (two words)', { text: 'acme billing', status: 'all' }],
  ['text "no-such-key" (no match)', { text: 'no-such-key', status: 'all' }],
  ['status Active', { text: '', status: 'active' }],
  ['status Disabled', { text: '', status: 'disabled' }],
  ['status Expired', { text: '', status: 'expired' }],
  ['status Expires soon', { text: '', status: 'expires-soon' }],
  ['text "globex" + status Expires soon', { text: 'globex', status: 'expires-soon' }],
]
for (const [label, filter] of filters) {
  const { ms, result } = measure(() => filterKeyViews(sorted, filter))
  row(`  ${label}`, ms, `${result.length} match`)
}

console.log('\ntyping, each keystroke from the previous result (filterFrom), idle time between keystrokes')
for (const word of ['acme-checkout-42', 'payments']) {
  const { result: times } = measure(() => {
    let previous: FilterResult | null = null
    const times: number[] = []
    for (let length = 1; length <= word.length; length++) {
      const start = performance.now()
      previous = filterFrom(previous, sorted, { text: word.slice(0, length), status: 'all' })
      times.push(performance.now() - start)
      refineHits(previous)
    }
    return times
  })
  // The keystrokes alone (the idle-time refinement between them is not on the keystroke's clock).
  const ms = times.reduce((sum, time) => sum + time, 0)
  const slowest = Math.max(...times)
  row(`  "${word}", all ${word.length} keystrokes together`, ms, `slowest keystroke ${slowest.toFixed(2)} ms`)
}

console.log('\na streamed list: 2,000-key batches indexed and merged into the order on screen')
const batched = measure(() => {
  let growing = indexKeys(keys.slice(0, 2_000), now)
  sortKeyViews(growing, { column: 'name', desc: false })
  for (let at = 2_000; at < keys.length; at += 2_000) growing = appendKeys(growing, keys.slice(at, at + 2_000))
  return sortKeyViews(growing, { column: 'name', desc: false })
})
row(`  all ${KEY_COUNT.toLocaleString('en')} keys, batch by batch`, batched.ms, `${batched.result.length} rows`)

console.log('\nsort then filter (a header click while a filter is set)')
const both = measure(() =>
  filterKeyViews(sortKeyViews(fresh(), { column: 'name', desc: false }), { text: 'acme', status: 'all' }),
)
row('  name ascending (first click), then "acme"', both.ms, `${both.result.length} match`)

// The same table in Chromium against AG Grid Community (BENCH_CHROMIUM=0 skips it; needs a build
// and the keyring: `test/support/with-private-keyring.sh npx tsx bench/key-table-bench.ts`).
if (process.env.BENCH_CHROMIUM !== '0') {
  const { chromiumTableBench, printChromiumTable } = await import('./chromium/table-chromium-bench')
  printChromiumTable(await chromiumTableBench(Number(process.env.BENCH_SEED_KEYS ?? KEY_COUNT)))
}
