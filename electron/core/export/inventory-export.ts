import type { ApiKey } from '@shared/domain/api-key'
import type { LocalAuditEntry } from '@shared/domain/key-lifecycle'
import { toCsv } from './csv'

export type ExportFormat = 'csv' | 'json'

export interface ExportFile {
  suggestedName: string
  content: string
  filters: { name: string; extensions: string[] }[]
}

/**
 * Every metadata column of a key, and nothing that could be used as the key: the masked form is a
 * display string (`apk_abc***xyz`); the value and any secret never reach this module.
 */
const KEY_COLUMNS = [
  ['id', (k: ApiKey) => k.id],
  ['name', (k: ApiKey) => k.name],
  ['masked_key', (k: ApiKey) => k.maskedKey],
  ['status', (k: ApiKey) => k.status],
  [
    'permissions',
    (k: ApiKey) =>
      Object.entries(k.permissions)
        .map(([resource, access]) => `${resource}:${access}`)
        .join(' '),
  ],
  ['native_permissions', (k: ApiKey) => k.nativePermissions.join(' ')],
  ['created_at', (k: ApiKey) => k.createdAt],
  ['expires_at', (k: ApiKey) => k.expiresAt ?? ''],
  ['last_used_at', (k: ApiKey) => k.lastUsedAt ?? ''],
  ['notes', (k: ApiKey) => k.notes ?? ''],
  ['account_id', (k: ApiKey) => k.accountId ?? ''],
] as const

const AUDIT_COLUMNS = [
  ['at', (e: LocalAuditEntry) => e.at],
  ['actor', (e: LocalAuditEntry) => e.actor],
  ['profile', (e: LocalAuditEntry) => e.profileName],
  ['action', (e: LocalAuditEntry) => e.action],
  ['key_id', (e: LocalAuditEntry) => e.keyId],
  ['key_name', (e: LocalAuditEntry) => e.keyName],
] as const

/** Only plain metadata, copied field by field: an object with extra (secret) fields loses them. */
function keyRecord(key: ApiKey): Record<string, string> {
  return Object.fromEntries(KEY_COLUMNS.map(([name, read]) => [name, read(key)]))
}

function auditRecord(entry: LocalAuditEntry): Record<string, string> {
  return Object.fromEntries(AUDIT_COLUMNS.map(([name, read]) => [name, read(entry)]))
}

const FILTERS = {
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  json: [{ name: 'JSON', extensions: ['json'] }],
}

function file(base: string, format: ExportFormat, csv: () => string, json: () => unknown): ExportFile {
  return {
    suggestedName: `${base}.${format}`,
    content: format === 'csv' ? csv() : `${JSON.stringify(json(), null, 2)}\n`,
    filters: FILTERS[format],
  }
}

/**
 * The keys the user sees, in the order they see them, from the core's own list: the renderer sends
 * ids, never rows. An id the list does not hold is an error, not a silent gap.
 */
export function inventoryExport(
  listed: readonly ApiKey[],
  keyIds: readonly string[],
  format: ExportFormat,
  baseName: string,
): ExportFile {
  const byId = new Map(listed.map((key) => [key.id, key]))
  const keys = keyIds.map((id) => {
    const key = byId.get(id)
    if (!key) throw new Error(`Key ${id} is not in the list on screen; refresh the list and export again.`)
    return key
  })
  return file(
    baseName,
    format,
    () =>
      toCsv(
        KEY_COLUMNS.map(([name]) => name),
        keys.map((key) => KEY_COLUMNS.map(([, read]) => read(key))),
      ),
    () => keys.map(keyRecord),
  )
}

/** This computer's audit log, newest first. */
export function auditExport(entries: readonly LocalAuditEntry[], format: ExportFormat, baseName: string): ExportFile {
  const sorted = [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
  return file(
    baseName,
    format,
    () =>
      toCsv(
        AUDIT_COLUMNS.map(([name]) => name),
        sorted.map((entry) => AUDIT_COLUMNS.map(([, read]) => read(entry))),
      ),
    () => sorted.map(auditRecord),
  )
}
