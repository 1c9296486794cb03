/**
 * Why a chaos violation happened, as far as the session can tell: for every key id a violation
 * names, what the session did with it (the ledger's notes), what went over the wire for it (the
 * proxy's exchanges, its create found by the id in the answer), what the host's files still say of
 * it (the operation journal, the bulk runs) and the host's log lines that name it.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Exchange } from '../support/fault-proxy'
import type { ChaosLedger } from './chaos-ledger'

export interface DiagnosticSources {
  ledger: ChaosLedger
  exchanges: readonly Exchange[]
  dataDir: string
  /** Every line the host processes printed, across restarts. */
  hostOutput: readonly string[]
}

const KEY_ID = /apk_\w+/g

export function explainViolation(violation: string, sources: DiagnosticSources): string {
  const ids = [...new Set(violation.match(KEY_ID) ?? [])]
  const lines = [violation]
  for (const id of ids) lines.push(...explainKey(id, sources).map((line) => `  ${line}`))
  return lines.join('\n')
}

function explainKey(id: string, { ledger, exchanges, dataDir, hostOutput }: DiagnosticSources): string[] {
  const lines = [`${id}:`]
  const notes = ledger.notes.get(id) ?? []
  if (notes.length > 0) lines.push(`  session: ${notes.join('; ')}`)
  const wire = exchanges.filter(
    (e) => e.path.endsWith(`/${id}`) || (e.method === 'POST' && e.responseBody?.includes(`"${id}"`)),
  )
  if (wire.length > 0)
    lines.push(`  proxy: ${wire.map((e) => `#${e.seq} ${e.method} ${e.outcome} ${e.status ?? '-'}`).join(', ')}`)
  for (const entry of journalEntries(dataDir).filter((e) => e.keyId === id || e.successorId === id))
    lines.push(
      `  journal: ${JSON.stringify(pick(entry, ['kind', 'keyId', 'keyName', 'successorId', 'step', 'grace']))}`,
    )
  for (const { run, key } of bulkKeys(dataDir).filter(({ key }) => key.keyId === id || key.successorId === id))
    lines.push(`  bulk run ${run.id} (${run.action}, ${run.status}): ${JSON.stringify(key)}`)
  const logged = hostOutput.filter((line) => line.includes(id) || line === '--- restart ---')
  const told = logged.filter((line, n) => line !== '--- restart ---' || logged[n + 1] !== '--- restart ---')
  if (told.some((line) => line !== '--- restart ---')) lines.push(...told.slice(-12).map((line) => `  host: ${line}`))
  return lines
}

interface StoredEntry {
  kind: string
  keyId: string | null
  keyName: string
  successorId: string | null
  step: string
  grace: string | null
}

interface StoredRun {
  id: string
  action: string
  status: string
  keys: Array<{ keyId: string; successorId: string | null; state: string; reason: string | null }>
}

function readData<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { data: T }).data
  } catch {
    return undefined
  }
}

function journalEntries(dataDir: string): StoredEntry[] {
  return readData<{ entries: StoredEntry[] }>(join(dataDir, 'operation-journal.json'))?.entries ?? []
}

function bulkKeys(dataDir: string): Array<{ run: StoredRun; key: StoredRun['keys'][number] }> {
  const runs = readData<StoredRun[]>(join(dataDir, 'bulk-runs.json')) ?? []
  return runs.flatMap((run) => run.keys.map((key) => ({ run, key })))
}

function pick<T extends object>(value: T, fields: Array<keyof T>): Partial<T> {
  return Object.fromEntries(fields.map((field) => [field, value[field]])) as Partial<T>
}
