import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'

const SECRET = /^[A-Za-z0-9_-]{43}$/

/** A fresh client secret: 32 random bytes, base64url. */
export const newCliClientSecret = (): string => randomBytes(32).toString('base64url')

/**
 * The `sandbox-cli` client secret of a data folder: read from `file`, or made and written there
 * (mode 0600) the first time, so a restart of the same folder keeps it and no two folders share it.
 */
export function loadOrCreateCliClientSecret(file: string): string {
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim()
    if (!SECRET.test(secret))
      throw new Error(
        `${file} does not hold a sandbox-cli client secret; delete it to make a new one, or start with --reset.`,
      )
    // Whatever else changed the file, it stays readable by its owner only.
    chmodSync(file, 0o600)
    return secret
  }
  const secret = newCliClientSecret()
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' })
  chmodSync(file, 0o600)
  return secret
}
