import { hashPassword, verifyPassword } from '../passwords'
import type { SandboxDatabase } from './database'

/** Password verification for the demo users; the users themselves (names, roles) are in users.ts. */
export interface CredentialStore {
  /** True when the password is the user's; false for a wrong password or an unknown user, in about the same time. */
  verify(username: string, password: string): Promise<boolean>
}

/**
 * Passwords as scrypt hashes with a per-user salt in `user_credentials`. Never a plain SHA-256:
 * data folders made before this table (schema 1) had none in the database; they get their users'
 * rows on the next start, like a new folder does.
 */
export class SqliteCredentialStore implements CredentialStore {
  #decoy: Promise<string> | undefined

  constructor(private readonly db: SandboxDatabase) {}

  /** Gives every listed user without a stored password this one (the demo password). */
  async ensure(usernames: readonly string[], password: string): Promise<void> {
    const has = this.db.prepare('SELECT 1 FROM user_credentials WHERE username = ?')
    const missing = usernames.filter((username) => has.get(username) === undefined)
    const hashes = await Promise.all(missing.map(async (username) => [username, await hashPassword(password)] as const))
    const insert = this.db.prepare('INSERT OR IGNORE INTO user_credentials (username, password_hash) VALUES (?, ?)')
    this.db.transaction(() => {
      for (const [username, hash] of hashes) insert.run(username, hash)
    })()
  }

  async verify(username: string, password: string): Promise<boolean> {
    const row = this.db.prepare('SELECT password_hash FROM user_credentials WHERE username = ?').get(username) as
      { password_hash: string } | undefined
    if (row) return verifyPassword(password, row.password_hash)
    // An unknown user costs one scrypt too, so the time does not tell which usernames exist.
    this.#decoy ??= hashPassword('no such user')
    await verifyPassword(password, await this.#decoy)
    return false
  }
}
