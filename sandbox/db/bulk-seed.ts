import { createHash } from 'node:crypto'
import type { KeyCipher } from '../keys/key-cipher'
import { newGatewayKey } from '../gateway/new-key'
import type { SandboxDatabase } from './database'
import { INSERT_KEY_SQL, toKeyRow } from './sqlite-key-store'

const DAY_MS = 24 * 60 * 60 * 1000
const SCOPE_SETS = [
  ['sale:read'],
  ['sale:read', 'sale:write'],
  ['transaction:read', 'refund:read'],
  ['payout:read'],
  ['customer:read', 'customer:write'],
]

/**
 * `--seed-keys N`: N real gateway keys (each stored as the hash and ciphertext of its own value),
 * in one transaction through one prepared statement, so 100 000 take seconds rather than minutes.
 */
export function seedGatewayKeys(db: SandboxDatabase, cipher: KeyCipher, count: number, now: Date): void {
  const insert = db.prepare(INSERT_KEY_SQL)
  // Names are unique per run so two --seed-keys runs on one database stay tellable apart.
  const run = createHash('sha256').update(String(now.getTime())).digest('hex').slice(0, 6)
  const width = String(count).length
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const { key } = newGatewayKey(cipher, {
        name: `scale-${run}-${String(i + 1).padStart(width, '0')}`,
        scopes: SCOPE_SETS[i % SCOPE_SETS.length] ?? ['sale:read'],
        createdBy: 'seed',
        // Spread over the past year, one second apart, so paging order is stable and plausible.
        createdAt: new Date(now.getTime() - 365 * DAY_MS + i * 1000),
      })
      insert.run(toKeyRow(key, false))
    }
  })()
}
