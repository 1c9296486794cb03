import type { EncryptedValue } from './api-key-material'

export type ApiKeyStatus = 'Active' | 'Disabled'

/** A gateway API key as stored: never the plain value, only its hash, mask and ciphertext. */
export interface StoredApiKey {
  id: string
  name: string
  scopes: readonly string[]
  status: ApiKeyStatus
  createdAt: Date
  expiresAt: Date | null
  lastUsedAt: Date | null
  maskedApiKey: string
  keySha256: string
  encryptedKey: EncryptedValue
}

export interface ApiKeyPage {
  items: StoredApiKey[]
  total: number
}

/** Persistence of gateway keys. In memory for now; a SQLite implementation comes later. */
export interface ApiKeyStore {
  insert(key: StoredApiKey): Promise<void>
  get(id: string): Promise<StoredApiKey | undefined>
  /** Newest first (createdAt descending, then id). */
  list(range: { offset: number; limit: number }): Promise<ApiKeyPage>
}

export class InMemoryApiKeyStore implements ApiKeyStore {
  readonly #keys = new Map<string, StoredApiKey>()

  async insert(key: StoredApiKey): Promise<void> {
    if (this.#keys.has(key.id)) throw new Error(`duplicate api key id ${key.id}`)
    this.#keys.set(key.id, key)
  }

  async get(id: string): Promise<StoredApiKey | undefined> {
    return this.#keys.get(id)
  }

  async list({ offset, limit }: { offset: number; limit: number }): Promise<ApiKeyPage> {
    const sorted = [...this.#keys.values()].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id),
    )
    return { items: sorted.slice(offset, offset + limit), total: sorted.length }
  }
}
