import { secretSha256 } from '../keys/key-format'
import { newSessionToken } from './credentials'

/** Who a session acts for: a user (username + password or OIDC) or one API key (by its store id). */
export type SessionSubject = { kind: 'user'; username: string } | { kind: 'key'; keyId: string }

export const DEFAULT_SESSION_TTL_SECONDS = 3600

/**
 * Pulse session tokens (`POST /pulse/auth/login`). Only a SHA-256 of each token is kept, so a dump
 * of this map cannot be replayed. In memory on purpose: a restart signs every session out, which
 * is what a real server's session expiry looks like to a client anyway.
 */
export class PulseSessions {
  readonly #byTokenSha256 = new Map<string, { subject: SessionSubject; expiresAt: Date }>()

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => Date,
  ) {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
      throw new Error(`Invalid pulse session TTL ${ttlSeconds}; it must be a positive whole number of seconds.`)
    }
  }

  start(subject: SessionSubject): { token: string; expiresAt: Date } {
    this.#forgetExpired()
    const token = newSessionToken()
    const expiresAt = new Date(this.now().getTime() + this.ttlSeconds * 1000)
    expiresAt.setUTCMilliseconds(0)
    this.#byTokenSha256.set(secretSha256(token), { subject, expiresAt })
    return { token, expiresAt }
  }

  find(token: string): SessionSubject | undefined {
    const session = this.#byTokenSha256.get(secretSha256(token))
    if (!session || session.expiresAt.getTime() <= this.now().getTime()) return undefined
    return session.subject
  }

  #forgetExpired(): void {
    const now = this.now().getTime()
    for (const [hash, session] of this.#byTokenSha256)
      if (session.expiresAt.getTime() <= now) this.#byTokenSha256.delete(hash)
  }
}
