/**
 * What the sandbox itself holds (its key store and audit log, read in the test process), and the
 * host's local audit log as written to its data folder: the ground truth the crash and chaos tests
 * check the app against.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Sandbox } from '@sandbox/server'
import type { StoredKey } from '@sandbox/keys/key-store'
import type { LocalAuditEntry } from '@shared/domain/key-lifecycle'

export async function gatewayKeys(sandbox: Sandbox): Promise<StoredKey[]> {
  const { items } = await sandbox.deps.keys.list({ dialect: 'gateway', tenantId: '', offset: 0, limit: 100_000 })
  return items
}

export async function gatewayKeysNamed(sandbox: Sandbox, name: string): Promise<StoredKey[]> {
  return (await gatewayKeys(sandbox)).filter((key) => key.name === name)
}

export interface ServerAuditEntry {
  action: string
  keyId: string
  keyName: string
}

/** The sandbox's own audit trail of gateway keys, oldest first. */
export async function serverAudit(sandbox: Sandbox): Promise<ServerAuditEntry[]> {
  const entries = await sandbox.deps.audit.list({ dialect: 'gateway', limit: 1_000_000 })
  // The store lists newest first.
  return entries.reverse().map(({ action, keyId, keyName }) => ({ action, keyId, keyName }))
}

/** Whether `value` is the key the server stored (it keeps only a SHA-256 of it). */
export function isValueOf(key: StoredKey, value: string): boolean {
  return createHash('sha256').update(value).digest('hex') === key.secretSha256
}

/** The host's local audit log, line by line as it is on disk. */
export function localAudit(dataDir: string): LocalAuditEntry[] {
  const file = join(dataDir, 'audit-log.jsonl')
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LocalAuditEntry)
}

/** Polls `check` until it holds (bounded by `attempts` × 100 ms); the last result either way. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, attempts = 100): Promise<T> {
  let value = await read()
  for (let n = 0; n < attempts && !check(value); n++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    value = await read()
  }
  return value
}
