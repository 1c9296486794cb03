import type { AuditAction, AuditEntry, AuditLog, Dialect } from '../keys/key-store'
import type { SandboxDatabase } from './database'

interface Row {
  at: number
  actor: string
  action: AuditAction
  dialect: Dialect
  tenant_id: string
  key_id: string
  key_name: string
  details: string
}

/** Append-only audit trail of key lifecycle events; it outlives the keys it mentions. */
export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: SandboxDatabase) {}

  async record(entry: AuditEntry): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO audit_log (at, actor, action, dialect, tenant_id, key_id, key_name, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        entry.at.getTime(),
        entry.actor,
        entry.action,
        entry.dialect,
        entry.tenantId,
        entry.keyId,
        entry.keyName,
        JSON.stringify(entry.details),
      )
  }

  /** Newest first. */
  async list({ dialect, keyId, limit }: { dialect?: Dialect; keyId?: string; limit: number }): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare(
        `SELECT at, actor, action, dialect, tenant_id, key_id, key_name, details FROM audit_log
         WHERE (@dialect IS NULL OR dialect = @dialect) AND (@keyId IS NULL OR key_id = @keyId)
         ORDER BY seq DESC LIMIT @limit`,
      )
      .all({ dialect: dialect ?? null, keyId: keyId ?? null, limit }) as Row[]
    return rows.map((row) => ({
      at: new Date(row.at),
      actor: row.actor,
      action: row.action,
      dialect: row.dialect,
      tenantId: row.tenant_id,
      keyId: row.key_id,
      keyName: row.key_name,
      details: JSON.parse(row.details) as Record<string, unknown>,
    }))
  }
}
