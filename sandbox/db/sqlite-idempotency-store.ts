import type { EncryptedValue, KeyCipher } from '../keys/key-cipher'
import type { IdempotencyStore, IdempotentResponse } from '../keys/key-store'
import type { SandboxDatabase } from './database'

/** How long a create answer can be replayed (Stripe keeps them 24 hours). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000

interface Row {
  request_sha256: string
  owner: string
  key_id: string | null
  status: number
  encrypted_body: string
}

interface Replayable {
  body: unknown
  headers?: Record<string, string>
}

/**
 * Stored create answers. They contain the new key's value (a replay must return it), so the body
 * is encrypted under the same key as gateway key values, bound to its scope and idempotency key,
 * and wiped when that key is deleted.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: SandboxDatabase,
    private readonly cipher: KeyCipher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(scope: string, key: string): Promise<IdempotentResponse | undefined> {
    const oldest = this.now().getTime() - IDEMPOTENCY_RETENTION_MS
    const row = this.db
      .prepare(
        'SELECT request_sha256, owner, key_id, status, encrypted_body FROM idempotent_responses WHERE scope = ? AND key = ? AND created_at > ?',
      )
      .get(scope, key, oldest) as Row | undefined
    if (!row) return undefined
    const stored =
      row.encrypted_body === ''
        ? undefined
        : (JSON.parse(
            this.cipher.decrypt(JSON.parse(row.encrypted_body) as EncryptedValue, contextOf(scope, key)),
          ) as Replayable)
    return {
      requestSha256: row.request_sha256,
      owner: row.owner,
      keyId: row.key_id ?? '',
      status: row.status,
      body: stored?.body,
      ...(stored?.headers ? { headers: stored.headers } : {}),
    }
  }

  async put(scope: string, key: string, response: IdempotentResponse): Promise<void> {
    const replayable: Replayable = { body: response.body, ...(response.headers ? { headers: response.headers } : {}) }
    const encrypted = this.cipher.encrypt(JSON.stringify(replayable), contextOf(scope, key))
    const now = this.now().getTime()
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM idempotent_responses WHERE created_at <= ?').run(now - IDEMPOTENCY_RETENTION_MS)
      this.db
        .prepare(
          `INSERT INTO idempotent_responses (scope, key, owner, key_id, request_sha256, status, encrypted_body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (scope, key) DO UPDATE SET owner = excluded.owner, key_id = excluded.key_id, request_sha256 = excluded.request_sha256,
             status = excluded.status, encrypted_body = excluded.encrypted_body, created_at = excluded.created_at`,
        )
        .run(
          scope,
          key,
          response.owner,
          response.keyId,
          response.requestSha256,
          response.status,
          JSON.stringify(encrypted),
          now,
        )
    })()
  }

  async forgetAnswersFor(keyId: string): Promise<void> {
    this.db.prepare("UPDATE idempotent_responses SET encrypted_body = '' WHERE key_id = ?").run(keyId)
  }
}

const contextOf = (scope: string, key: string): string => `idempotency\u0000${scope}\u0000${key}`
