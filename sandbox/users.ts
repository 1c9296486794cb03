import { createHash, timingSafeEqual } from 'node:crypto'
import type { Role } from './roles'

export interface DemoUser {
  username: string
  /** The OpenID `name` claim. */
  name: string
  role: Role
}

interface StoredUser extends DemoUser {
  passwordSha256: Buffer
}

export const DEMO_PASSWORD = 'keywarden'

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest()

const USERS: readonly StoredUser[] = [
  { username: 'admin', name: 'Ada Admin', role: 'admin', passwordSha256: sha256(DEMO_PASSWORD) },
  { username: 'support', name: 'Sam Support', role: 'support', passwordSha256: sha256(DEMO_PASSWORD) },
  { username: 'viewer', name: 'Vic Viewer', role: 'viewer', passwordSha256: sha256(DEMO_PASSWORD) },
]

// Compared against when the username is unknown, so both failures take the same time.
const NO_USER_HASH = sha256(`no such user ${DEMO_PASSWORD}`)

export const demoUsers: readonly DemoUser[] = USERS.map(({ username, name, role }) => ({ username, name, role }))

export function findUser(username: string): DemoUser | undefined {
  return demoUsers.find((user) => user.username === username)
}

/** Returns the user when the credentials match, undefined otherwise. */
export function verifyCredentials(username: string, password: string): DemoUser | undefined {
  const stored = USERS.find((user) => user.username === username)
  const matches = timingSafeEqual(sha256(password), stored?.passwordSha256 ?? NO_USER_HASH)
  return stored && matches ? findUser(stored.username) : undefined
}
