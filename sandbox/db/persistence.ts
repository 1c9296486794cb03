import { existsSync, writeFileSync } from 'node:fs'
import { KeyCipher } from '../keys/key-cipher'
import { openDatabase, readMeta, writeMeta, type SandboxDatabase } from './database'
import { ensureDataDir, loadOrCreateSecretKey, resetDataDir } from './data-dir'
import { loadOrCreateCliClientSecret, newCliClientSecret } from './cli-client-secret'
import { generateProviderKeys, loadOrCreateProviderKeys, type ProviderKeys } from './provider-keys'
import { SqliteAuditLog } from './sqlite-audit-log'
import { SqliteCredentialStore } from './sqlite-credential-store'
import { SqliteIdempotencyStore } from './sqlite-idempotency-store'
import { SqliteKeyStore } from './sqlite-key-store'
import { SqliteOidcStore } from './sqlite-oidc-store'

export interface PersistenceOptions {
  /** Folder for sandbox.sqlite and secret.key; undefined = everything in memory. */
  dataDir?: string
  /** Wipe the folder's sandbox files first. */
  reset?: boolean
  clock: () => Date
}

/** The sandbox's storage, opened once per sandbox. */
export interface Persistence {
  db: SandboxDatabase
  cipher: KeyCipher
  keys: SqliteKeyStore
  idempotency: SqliteIdempotencyStore
  audit: SqliteAuditLog
  oidc: SqliteOidcStore
  providerKeys: ProviderKeys
  credentials: SqliteCredentialStore
  /** The `sandbox-cli` client secret: per data folder (file `cli-client.secret`), or per start in memory. */
  cliClientSecret: string
  /** False until the demo data was written once; seed data is never written twice. */
  isSeeded(): boolean
  markSeeded(): void
  close(): void
}

const SEEDED_META = 'seeded-at'

export function openPersistence({ dataDir, reset = false, clock }: PersistenceOptions): Persistence {
  let db: SandboxDatabase
  let cipher: KeyCipher
  let cliClientSecret: string
  if (dataDir === undefined) {
    db = openDatabase(undefined)
    cipher = new KeyCipher()
    cliClientSecret = newCliClientSecret()
  } else {
    if (reset) resetDataDir(dataDir)
    const files = ensureDataDir(dataDir)
    const databaseIsNew = !existsSync(files.database)
    cipher = new KeyCipher(loadOrCreateSecretKey(files.secretKey, databaseIsNew))
    cliClientSecret = loadOrCreateCliClientSecret(files.cliClientSecret)
    // Owner-only from the first byte: the OIDC tables hold live refresh tokens. SQLite gives its
    // -wal and -shm files the database file's permissions.
    if (databaseIsNew) writeFileSync(files.database, '', { mode: 0o600, flag: 'wx' })
    db = openDatabase(files.database)
  }
  try {
    return {
      db,
      cipher,
      keys: new SqliteKeyStore(db),
      idempotency: new SqliteIdempotencyStore(db, cipher, clock),
      audit: new SqliteAuditLog(db),
      // oidc-provider judges token lifetimes by the real clock, so its storage does too.
      oidc: new SqliteOidcStore(db),
      // An in-memory sandbox gets fresh keys: nothing signed by one verifies against another.
      providerKeys: dataDir === undefined ? generateProviderKeys() : loadOrCreateProviderKeys(db),
      credentials: new SqliteCredentialStore(db),
      cliClientSecret,
      isSeeded: () => readMeta(db, SEEDED_META) !== undefined,
      markSeeded: () => writeMeta(db, SEEDED_META, clock().toISOString()),
      close: () => {
        if (db.open) db.close()
      },
    }
  } catch (error) {
    db.close()
    throw error
  }
}
