import type { EncryptedValue } from './key-cipher'

export type Dialect = 'gateway' | 'wallet' | 'pulse'

/**
 * One API key as the sandbox keeps it, for every dialect. Never the plain value: a SHA-256 of it,
 * a display mask, and (only where the dialect lets a key be read again, i.e. gateway) a ciphertext.
 */
export interface StoredKey {
  id: string
  dialect: Dialect
  /** '' for gateway; the wallet id (wallet); the account id (pulse). */
  tenantId: string
  name: string
  /** Dialect vocabulary: gateway scopes, wallet `resource:view|change`, pulse permissions. */
  permissions: string[]
  status: 'active' | 'disabled'
  createdAt: Date
  expiresAt: Date | null
  lastUsedAt: Date | null
  notes: string | null
  /** e.g. `apk_abc***xyz`. */
  masked: string
  /** Pulse's public `apiKey-…` identifier; null elsewhere. */
  publicId: string | null
  /** SHA-256 (hex) of the secret value: the key (gateway, wallet) or the secret (pulse). */
  secretSha256: string
  encryptedSecret: EncryptedValue | null
  /** Username of whoever created it. */
  createdBy: string
}

export type KeyPatch = Partial<Pick<StoredKey, 'name' | 'permissions' | 'status' | 'expiresAt' | 'notes'>>

export interface KeyListQuery {
  dialect: Dialect
  tenantId: string
  offset: number
  limit: number
}

/** Thrown by insert/update when a name must be unique in its tenant (wallet) and is taken. */
export class DuplicateKeyNameError extends Error {
  constructor(readonly keyName: string) {
    super(`An API key named "${keyName}" already exists.`)
    this.name = 'DuplicateKeyNameError'
  }
}

/** Persistence of keys for all dialects (SQLite in the sandbox; in memory for unit tests). */
export interface KeyStore {
  /** Names are unique per (dialect, tenant) where `uniqueName` is set; atomically checked. */
  insert(key: StoredKey, options?: { uniqueName?: boolean }): Promise<void>
  get(dialect: Dialect, id: string): Promise<StoredKey | undefined>
  findBySecretSha256(secretSha256: string): Promise<StoredKey | undefined>
  findByPublicId(publicId: string): Promise<StoredKey | undefined>
  /** Newest first (createdAt descending, then id). */
  list(query: KeyListQuery): Promise<{ items: StoredKey[]; total: number }>
  update(dialect: Dialect, id: string, patch: KeyPatch): Promise<StoredKey | undefined>
  delete(dialect: Dialect, id: string): Promise<boolean>
  touch(id: string, at: Date): Promise<void>
}

/** A stored answer to a create with an `Idempotency-Key`, replayed for a repeat of the same request. */
export interface IdempotentResponse {
  requestSha256: string
  /** Who made the first request: only they may replay it. */
  owner: string
  /** The key the create made; a replay is refused once it is deleted or no longer active. */
  keyId: string
  status: number
  /** Undefined once the key was deleted: the secret in it is gone for good. */
  body: unknown
  /** Headers to send again on a replay (e.g. Location). */
  headers?: Record<string, string>
}

export interface IdempotencyStore {
  /** scope = dialect + tenant; key = the header's value. */
  get(scope: string, key: string): Promise<IdempotentResponse | undefined>
  put(scope: string, key: string, response: IdempotentResponse): Promise<void>
  /** Drops the stored answers (and so the secret) of a deleted key, keeping the fact that it was made. */
  forgetAnswersFor(keyId: string): Promise<void>
}

export type AuditAction = 'created' | 'revealed' | 'updated' | 'deleted'

export interface AuditEntry {
  at: Date
  actor: string
  action: AuditAction
  dialect: Dialect
  tenantId: string
  keyId: string
  keyName: string
  /** What changed (field names, old/new status…); never a key value or secret. */
  details: Record<string, unknown>
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>
  list(query: { dialect?: Dialect; keyId?: string; limit: number }): Promise<AuditEntry[]>
}
