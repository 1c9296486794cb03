import type { SandboxDeps } from '../deps'
import { seedGateway } from '../gateway/seed'
import { seedPulse } from '../pulse/seed'
import { seedWallet } from '../wallet/seed'
import type { Persistence } from './persistence'

/** Writes one dialect's demo data through the shared stores. */
export type Seeder = (deps: SandboxDeps) => Promise<void>

/** Every dialect's demo data; a dialect adds its seeder here. */
export const seeders: Seeder[] = [seedGateway, seedWallet, seedPulse]

/**
 * Runs the seeders once per database: a restart keeps what users changed. All or nothing, so a
 * failed seed is retried whole on the next start instead of leaving half the demo data. The
 * transaction spans awaits, which is safe only because no request is served until seeding is done.
 */
export async function seedOnce(
  persistence: Pick<Persistence, 'db' | 'isSeeded' | 'markSeeded'>,
  deps: SandboxDeps,
): Promise<boolean> {
  if (persistence.isSeeded()) return false
  const { db } = persistence
  db.exec('BEGIN IMMEDIATE')
  try {
    for (const seed of seeders) await seed(deps)
    persistence.markSeeded()
    db.exec('COMMIT')
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw error
  }
  return true
}
