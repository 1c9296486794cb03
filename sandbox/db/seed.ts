import type { SandboxDeps } from '../deps'
import { seedGateway } from '../gateway/seed'
import { seedPulse } from '../pulse/seed'
import { seedWallet } from '../wallet/seed'
import type { Persistence } from './persistence'

/** Writes one dialect's demo data through the shared stores. */
export type Seeder = (deps: SandboxDeps) => Promise<void>

/** Every dialect's demo data; a dialect adds its seeder here. */
export const seeders: Seeder[] = [seedGateway, seedWallet, seedPulse]

/** Runs the seeders once per database: a restart keeps what users changed. */
export async function seedOnce(persistence: Pick<Persistence, 'isSeeded' | 'markSeeded'>, deps: SandboxDeps): Promise<boolean> {
  if (persistence.isSeeded()) return false
  for (const seed of seeders) await seed(deps)
  persistence.markSeeded()
  return true
}
