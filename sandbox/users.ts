import type { Role } from './roles'

export interface DemoUser {
  username: string
  /** The OpenID `name` claim. */
  name: string
  role: Role
  /** Wallets the user belongs to (ids from wallet/wallets.ts); the role decides Read or Change. */
  walletIds: readonly string[]
  /** Pulse accounts the user may use (ids from pulse/accounts.ts); the first is their primary account. */
  pulseAccountIds: readonly string[]
}

/** Every demo user's password; stored only as a salted scrypt hash (db/sqlite-credential-store.ts). */
export const DEMO_PASSWORD = 'keywarden'

// Memberships follow the demo users table in docs/remote-apis.md: admin everywhere, support on
// two wallets and accounts, viewer on one, so "not a member" and "Read only" are both demonstrable.
export const demoUsers: readonly DemoUser[] = [
  {
    username: 'admin',
    name: 'Ada Admin',
    role: 'admin',
    walletIds: ['wal_main', 'wal_payroll', 'wal_marketplace'],
    pulseAccountIds: ['acc_northwind', 'acc_contoso', 'acc_fabrikam'],
  },
  {
    username: 'support',
    name: 'Sam Support',
    role: 'support',
    walletIds: ['wal_main', 'wal_marketplace'],
    pulseAccountIds: ['acc_contoso', 'acc_northwind'],
  },
  {
    username: 'viewer',
    name: 'Vic Viewer',
    role: 'viewer',
    walletIds: ['wal_main'],
    pulseAccountIds: ['acc_northwind'],
  },
]

export function findUser(username: string): DemoUser | undefined {
  return demoUsers.find((user) => user.username === username)
}
