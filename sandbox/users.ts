import { createHash, timingSafeEqual } from 'node:crypto'
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

interface StoredUser extends DemoUser {
  passwordSha256: Buffer
}

export const DEMO_PASSWORD = 'keywarden'

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest()

// Memberships follow the demo users table in docs/remote-apis.md: admin everywhere, support on
// two wallets and accounts, viewer on one, so "not a member" and "Read only" are both demonstrable.
const USERS: readonly StoredUser[] = [
  {
    username: 'admin',
    name: 'Ada Admin',
    role: 'admin',
    walletIds: ['wal_main', 'wal_payroll', 'wal_marketplace'],
    pulseAccountIds: ['acc_northwind', 'acc_contoso', 'acc_fabrikam'],
    passwordSha256: sha256(DEMO_PASSWORD),
  },
  {
    username: 'support',
    name: 'Sam Support',
    role: 'support',
    walletIds: ['wal_main', 'wal_marketplace'],
    pulseAccountIds: ['acc_contoso', 'acc_northwind'],
    passwordSha256: sha256(DEMO_PASSWORD),
  },
  {
    username: 'viewer',
    name: 'Vic Viewer',
    role: 'viewer',
    walletIds: ['wal_main'],
    pulseAccountIds: ['acc_northwind'],
    passwordSha256: sha256(DEMO_PASSWORD),
  },
]

// Compared against when the username is unknown, so both failures take the same time.
const NO_USER_HASH = sha256(`no such user ${DEMO_PASSWORD}`)

export const demoUsers: readonly DemoUser[] = USERS.map(({ passwordSha256: _hash, ...user }) => user)

export function findUser(username: string): DemoUser | undefined {
  return demoUsers.find((user) => user.username === username)
}

/** Returns the user when the credentials match, undefined otherwise. */
export function verifyCredentials(username: string, password: string): DemoUser | undefined {
  const stored = USERS.find((user) => user.username === username)
  const matches = timingSafeEqual(sha256(password), stored?.passwordSha256 ?? NO_USER_HASH)
  return stored && matches ? findUser(stored.username) : undefined
}
