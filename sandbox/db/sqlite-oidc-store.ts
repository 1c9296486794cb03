import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider'
import type { SandboxDatabase } from './database'

// Models whose id is the opaque token value handed to a client.
const TOKEN_MODELS = ['AccessToken', 'RefreshToken', 'ClientCredentials'] as const

/**
 * oidc-provider storage on SQLite, so sessions, grants and refresh tokens survive a restart of
 * the sandbox. Rows past their expiry are ignored on read and purged when the store opens.
 */
export class SqliteOidcStore {
  constructor(
    private readonly db: SandboxDatabase,
    private readonly now: () => number = Date.now,
  ) {
    db.prepare('DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at <= ?').run(this.now())
  }

  readonly adapterFactory: AdapterFactory = (modelName) => new SqliteOidcAdapter(modelName, this.db, this.now)

  /** Token values still on record (tokens issued before a restart included). */
  storedTokenValues(): string[] {
    const rows = this.db
      .prepare(`SELECT id FROM oidc_models WHERE model IN (${TOKEN_MODELS.map(() => '?').join(', ')})`)
      .all(...TOKEN_MODELS) as Array<{ id: string }>
    return rows.map((row) => row.id)
  }
}

class SqliteOidcAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly db: SandboxDatabase,
    private readonly now: () => number,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void> {
    const expiresAt = typeof expiresIn === 'number' ? this.now() + expiresIn * 1000 : null
    this.db
      .prepare(
        `INSERT INTO oidc_models (model, id, payload, grant_id, uid, user_code, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
           user_code = excluded.user_code, expires_at = excluded.expires_at`,
      )
      .run(
        this.model,
        id,
        JSON.stringify(payload),
        payload.grantId ?? null,
        payload.uid ?? null,
        payload.userCode ?? null,
        expiresAt,
      )
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.#one('id = ?', id)
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.#one('uid = ?', uid)
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.#one('user_code = ?', userCode)
  }

  async consume(id: string): Promise<void> {
    this.db
      .prepare("UPDATE oidc_models SET payload = json_set(payload, '$.consumed', ?) WHERE model = ? AND id = ?")
      .run(Math.floor(this.now() / 1000), this.model, id)
  }

  async destroy(id: string): Promise<void> {
    this.db.prepare('DELETE FROM oidc_models WHERE model = ? AND id = ?').run(this.model, id)
  }

  // A grant's tokens live under several models (access, refresh, code): revoke them all.
  async revokeByGrantId(grantId: string): Promise<void> {
    this.db.prepare('DELETE FROM oidc_models WHERE grant_id = ?').run(grantId)
  }

  #one(where: string, value: string): AdapterPayload | undefined {
    const row = this.db
      .prepare(
        `SELECT payload FROM oidc_models WHERE model = ? AND ${where} AND (expires_at IS NULL OR expires_at > ?)`,
      )
      .get(this.model, value, this.now()) as { payload: string } | undefined
    return row ? (JSON.parse(row.payload) as AdapterPayload) : undefined
  }
}
