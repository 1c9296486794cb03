import { createHash, randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Clock } from '@core/clock'

/** How long a printed link works, unless the host is told otherwise. */
export const DEFAULT_CODE_LIFETIME_MS = 60_000
const MAX_LIVE_CODES = 20
const MAX_SESSIONS = 50

const random = (bytes: number) => randomBytes(bytes).toString('base64url')
const digest = (value: string) => createHash('sha256').update(value).digest('base64url')

export type CodeCheck = 'accepted' | 'expired' | 'unknown'

/**
 * Who may use this browser host. The printed link carries a single-use code that lives about a
 * minute; the host exchanges it for a separate random session secret, kept in an HttpOnly,
 * SameSite=Strict cookie whose name is unique to this host instance and whose path is this
 * instance's random path prefix, so a server on another 127.0.0.1 port never receives it (cookies
 * ignore ports, not paths). Only digests of codes and secrets are kept.
 */
export class HostAccess {
  /** `/<random>/`: every page, asset and the socket of this instance live under it. */
  readonly basePath = `/${random(12)}/`
  readonly cookieName = `keywarden_${randomBytes(8).toString('hex')}`
  private readonly codes = new Map<string, number>()
  private readonly sessions = new Set<string>()

  constructor(
    private readonly clock: Clock,
    private readonly codeLifetimeMs = DEFAULT_CODE_LIFETIME_MS,
  ) {}

  /** A fresh single-use code for a link to print or open. */
  issueCode(): string {
    this.forgetExpiredCodes()
    while (this.codes.size >= MAX_LIVE_CODES) this.codes.delete(this.codes.keys().next().value as string)
    const code = random(24)
    this.codes.set(digest(code), this.clock.now() + this.codeLifetimeMs)
    return code
  }

  /** Uses up a code: it is accepted at most once, and only before it expires. */
  useCode(code: string): CodeCheck {
    const key = digest(code)
    const expiresAt = this.codes.get(key)
    if (expiresAt === undefined) return 'unknown'
    this.codes.delete(key)
    return this.clock.now() <= expiresAt ? 'accepted' : 'expired'
  }

  /** A new session secret; the caller sets it as this instance's cookie. */
  startSession(): string {
    while (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.values().next().value as string)
    const secret = random(32)
    this.sessions.add(digest(secret))
    return secret
  }

  sessionCookie(secret: string): string {
    return `${this.cookieName}=${secret}; HttpOnly; SameSite=Strict; Path=${this.basePath}`
  }

  /** Whether the request carries a session secret this host handed out. */
  hasSession(req: IncomingMessage): boolean {
    const value = cookieValue(req.headers.cookie, this.cookieName)
    return value !== undefined && this.sessions.has(digest(value))
  }

  private forgetExpiredCodes(): void {
    const now = this.clock.now()
    for (const [key, expiresAt] of this.codes) if (expiresAt < now) this.codes.delete(key)
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=')
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim()
  }
  return undefined
}

/** The Host header must name this host's own loopback address and port (no DNS rebinding). */
export function isOwnHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`
}

/** The page's own origin for the Host it was loaded from; the socket accepts only that Origin. */
export function originOfHost(hostHeader: string): string {
  return `http://${hostHeader}`
}
