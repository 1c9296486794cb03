import type { Statement } from 'better-sqlite3'
import type { EncryptedValue } from '../keys/key-cipher'
import {
  DuplicateKeyNameError,
  type Dialect,
  type KeyListQuery,
  type KeyPatch,
  type KeyStore,
  type StoredKey,
} from '../keys/key-store'
import type { SandboxDatabase } from './database'

interface KeyRow {
  id: string
  dialect: Dialect
  tenant_id: string
  name: string
  name_unique: number
  permissions: string
  status: 'active' | 'disabled'
  created_at: number
  expires_at: number | null
  last_used_at: number | null
  notes: string | null
  masked: string
  public_id: string | null
  secret_sha256: string
  encrypted_secret: string | null
  created_by: string
}

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms))

function toStoredKey(row: KeyRow): StoredKey {
  return {
    id: row.id,
    dialect: row.dialect,
    tenantId: row.tenant_id,
    name: row.name,
    permissions: JSON.parse(row.permissions) as string[],
    status: row.status,
    createdAt: new Date(row.created_at),
    expiresAt: dateOrNull(row.expires_at),
    lastUsedAt: dateOrNull(row.last_used_at),
    notes: row.notes,
    masked: row.masked,
    publicId: row.public_id,
    secretSha256: row.secret_sha256,
    encryptedSecret: row.encrypted_secret === null ? null : (JSON.parse(row.encrypted_secret) as EncryptedValue),
    createdBy: row.created_by,
  }
}

/** The row for `key`, in the named-parameter shape of INSERT_KEY_SQL (also used by bulk seeding). */
export function toKeyRow(key: StoredKey, uniqueName: boolean): KeyRow {
  return {
    id: key.id,
    dialect: key.dialect,
    tenant_id: key.tenantId,
    name: key.name,
    name_unique: uniqueName ? 1 : 0,
    permissions: JSON.stringify(key.permissions),
    status: key.status,
    created_at: key.createdAt.getTime(),
    expires_at: key.expiresAt?.getTime() ?? null,
    last_used_at: key.lastUsedAt?.getTime() ?? null,
    notes: key.notes,
    masked: key.masked,
    public_id: key.publicId,
    secret_sha256: key.secretSha256,
    encrypted_secret: key.encryptedSecret === null ? null : JSON.stringify(key.encryptedSecret),
    created_by: key.createdBy,
  }
}

export const INSERT_KEY_SQL = `INSERT INTO api_keys
  (id, dialect, tenant_id, name, name_unique, permissions, status, created_at, expires_at, last_used_at,
   notes, masked, public_id, secret_sha256, encrypted_secret, created_by)
  VALUES (@id, @dialect, @tenant_id, @name, @name_unique, @permissions, @status, @created_at, @expires_at, @last_used_at,
   @notes, @masked, @public_id, @secret_sha256, @encrypted_secret, @created_by)`

const isUniqueNameViolation = (error: unknown): boolean =>
  error instanceof Error &&
  (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
  error.message.includes('api_keys.dialect, api_keys.tenant_id, api_keys.name')

/**
 * KeyStore on SQLite. better-sqlite3 is synchronous, so each method runs to completion before
 * another request's code can interleave; name uniqueness is still left to the partial UNIQUE
 * index rather than a check-then-insert, so it holds whoever writes to the file.
 */
export class SqliteKeyStore implements KeyStore {
  readonly #insert: Statement<[KeyRow]>
  readonly #get: Statement<[string, string], KeyRow>
  readonly #bySecret: Statement<[string], KeyRow>
  readonly #byPublicId: Statement<[string], KeyRow>
  readonly #page: Statement<[string, string, number, number], KeyRow>
  readonly #count: Statement<[string, string], { total: number }>
  readonly #delete: Statement<[string, string]>
  readonly #touch: Statement<[number, string]>

  constructor(private readonly db: SandboxDatabase) {
    this.#insert = db.prepare(INSERT_KEY_SQL)
    this.#get = db.prepare('SELECT * FROM api_keys WHERE dialect = ? AND id = ?')
    this.#bySecret = db.prepare('SELECT * FROM api_keys WHERE secret_sha256 = ?')
    this.#byPublicId = db.prepare('SELECT * FROM api_keys WHERE public_id = ?')
    this.#page = db.prepare(
      'SELECT * FROM api_keys WHERE dialect = ? AND tenant_id = ? ORDER BY created_at DESC, id LIMIT ? OFFSET ?',
    )
    this.#count = db.prepare('SELECT count(*) AS total FROM api_keys WHERE dialect = ? AND tenant_id = ?')
    this.#delete = db.prepare('DELETE FROM api_keys WHERE dialect = ? AND id = ?')
    this.#touch = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?')
  }

  async insert(key: StoredKey, options: { uniqueName?: boolean } = {}): Promise<void> {
    try {
      this.#insert.run(toKeyRow(key, options.uniqueName ?? false))
    } catch (error) {
      if (isUniqueNameViolation(error)) throw new DuplicateKeyNameError(key.name)
      throw error
    }
  }

  async get(dialect: Dialect, id: string): Promise<StoredKey | undefined> {
    const row = this.#get.get(dialect, id)
    return row && toStoredKey(row)
  }

  async findBySecretSha256(secretSha256: string): Promise<StoredKey | undefined> {
    const row = this.#bySecret.get(secretSha256)
    return row && toStoredKey(row)
  }

  async findByPublicId(publicId: string): Promise<StoredKey | undefined> {
    const row = this.#byPublicId.get(publicId)
    return row && toStoredKey(row)
  }

  async list({ dialect, tenantId, offset, limit }: KeyListQuery): Promise<{ items: StoredKey[]; total: number }> {
    // One read transaction: the page and the total describe the same moment.
    return this.db.transaction(() => ({
      items: this.#page.all(dialect, tenantId, limit, offset).map(toStoredKey),
      total: this.#count.get(dialect, tenantId)?.total ?? 0,
    }))()
  }

  async update(dialect: Dialect, id: string, patch: KeyPatch): Promise<StoredKey | undefined> {
    const assignments: string[] = []
    const values: Record<string, unknown> = { dialect, id }
    const set = (column: string, value: unknown): void => {
      assignments.push(`${column} = @${column}`)
      values[column] = value
    }
    if (patch.name !== undefined) set('name', patch.name)
    if (patch.permissions !== undefined) set('permissions', JSON.stringify(patch.permissions))
    if (patch.status !== undefined) set('status', patch.status)
    if (patch.expiresAt !== undefined) set('expires_at', patch.expiresAt?.getTime() ?? null)
    if (patch.notes !== undefined) set('notes', patch.notes)
    try {
      return this.db.transaction(() => {
        if (assignments.length > 0) {
          this.db
            .prepare(`UPDATE api_keys SET ${assignments.join(', ')} WHERE dialect = @dialect AND id = @id`)
            .run(values)
        }
        const row = this.#get.get(dialect, id)
        return row && toStoredKey(row)
      })()
    } catch (error) {
      if (isUniqueNameViolation(error) && patch.name !== undefined) throw new DuplicateKeyNameError(patch.name)
      throw error
    }
  }

  async delete(dialect: Dialect, id: string): Promise<boolean> {
    return this.#delete.run(dialect, id).changes > 0
  }

  async touch(id: string, at: Date): Promise<void> {
    this.#touch.run(at.getTime(), id)
  }
}
