import type { IncomingMessage } from 'node:http'
import type { CredentialStore } from './db/sqlite-credential-store'
import { HttpError } from './http'
import { clientAddressOf } from './throttle/client-address'
import type { FailureThrottle } from './throttle/failure-throttle'
import { findUser, type DemoUser } from './users'

export const INVALID_CREDENTIALS_MESSAGE = 'Invalid username or password.'

interface PasswordLoginDeps {
  credentials: CredentialStore
  throttles: { passwords: FailureThrottle }
}

/**
 * A username + password sign-in (the OIDC login page, pulse `/auth/login`): the user, a 401 that does
 * not say which half was wrong, or a 429 when this account or address failed too often lately —
 * then even the right password is refused until the window passes.
 */
export async function passwordLogin(
  deps: PasswordLoginDeps,
  req: IncomingMessage,
  username: string,
  password: string,
): Promise<DemoUser> {
  const attempt = deps.throttles.passwords.begin({ account: username, address: clientAddressOf(req) })
  const matches = await deps.credentials.verify(username, password)
  const user = findUser(username)
  if (!matches || !user) throw new HttpError(401, 'unauthorized', INVALID_CREDENTIALS_MESSAGE)
  attempt.succeeded()
  return user
}
