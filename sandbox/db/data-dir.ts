import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { KEY_CIPHER_KEY_BYTES } from '../keys/key-cipher'

/** The files of a sandbox data folder. */
export interface DataDirFiles {
  database: string
  /** The AES-256-GCM key, kept apart from the database so a copy of the database alone reveals no key. */
  secretKey: string
  /** The `sandbox-cli` client secret (mode 0600). */
  cliClientSecret: string
}

export function dataDirFiles(dir: string): DataDirFiles {
  return {
    database: join(dir, 'sandbox.sqlite'),
    secretKey: join(dir, 'secret.key'),
    cliClientSecret: join(dir, 'cli-client.secret'),
  }
}

/** Removes everything a sandbox wrote in `dir` (and nothing else there). */
export function resetDataDir(dir: string): void {
  const { database, secretKey, cliClientSecret } = dataDirFiles(dir)
  for (const file of [database, `${database}-wal`, `${database}-shm`, secretKey, cliClientSecret])
    rmSync(file, { force: true })
}

export function ensureDataDir(dir: string): DataDirFiles {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  return dataDirFiles(dir)
}

/**
 * Reads the encryption key, creating it (mode 0600) when the database is new. A database that
 * has data but lost its key cannot be decrypted: say so rather than silently making a new key.
 */
export function loadOrCreateSecretKey(file: string, databaseIsNew: boolean): Buffer {
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
    if (key.length !== KEY_CIPHER_KEY_BYTES)
      throw new Error(`${file} does not hold a ${KEY_CIPHER_KEY_BYTES}-byte key; restore it or start with --reset.`)
    return key
  }
  if (!databaseIsNew)
    throw new Error(`${file} is missing, so the stored keys cannot be decrypted; restore it or start with --reset.`)
  const key = randomBytes(KEY_CIPHER_KEY_BYTES)
  // 'wx': never overwrite a key another process just wrote.
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  chmodSync(file, 0o600)
  return key
}
