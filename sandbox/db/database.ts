import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations'

export type SandboxDatabase = Database.Database

/**
 * Opens (or creates) the sandbox database and brings its schema up to date. `file` undefined =
 * a private in-memory database, which is what tests get.
 */
export function openDatabase(file: string | undefined): SandboxDatabase {
  const db = new Database(file ?? ':memory:')
  try {
    // WAL lets the request log of a reader never wait behind a writer; NORMAL is durable enough
    // for a sandbox and keeps --seed-keys fast.
    if (file) db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

function migrate(db: SandboxDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The sandbox database is at schema version ${current}, newer than this sandbox (${MIGRATIONS.length}). Use a newer sandbox or --reset.`,
    )
  }
  db.transaction(() => {
    for (let version = current; version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version] ?? '')
    }
    // PRAGMA takes no bound parameters; the value is an integer we computed.
    db.pragma(`user_version = ${MIGRATIONS.length}`)
  })()
}

/** A small key/value table for things that must survive a restart (provider keys, seed marker). */
export function readMeta(db: SandboxDatabase, name: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE name = ?').get(name) as { value: string } | undefined
  return row?.value
}

export function writeMeta(db: SandboxDatabase, name: string, value: string): void {
  db.prepare(
    'INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
  ).run(name, value)
}
