import type { Provider } from 'oidc-provider'
import type { KeyCipher } from './keys/key-cipher'
import type { AuditLog, IdempotencyStore, KeyStore } from './keys/key-store'

/**
 * What every dialect router (and seeder) gets: one set of stores shared by the whole sandbox.
 * `clock` is the sandbox's notion of now (expiry, lastUsedAt, createdAt); tests may move it.
 */
export interface SandboxDeps {
  provider: Provider
  keys: KeyStore
  idempotency: IdempotencyStore
  audit: AuditLog
  cipher: KeyCipher
  clock: () => Date
}
