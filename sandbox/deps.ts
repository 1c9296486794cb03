import type { Provider } from 'oidc-provider'
import type { CredentialStore } from './db/sqlite-credential-store'
import type { KeyCipher } from './keys/key-cipher'
import type { AuditLog, IdempotencyStore, KeyStore } from './keys/key-store'
import type { Throttles } from './throttle/throttles'

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
  /** Demo users' password hashes. */
  credentials: CredentialStore
  /** Failed-login counters (passwords, API keys) that answer 429 once exceeded. */
  throttles: Throttles
}
