import { AppError } from '../errors'

/** What a re-authentication's ID token says about when the user signed in (seconds since the epoch). */
export interface AuthTimeClaims {
  /** `auth_time`: absent when the server ignored `max_age`. */
  authTime: unknown
  /** `iat`: when the server issued the ID token, on the server's own clock. */
  issuedAt: number
}

export interface AuthTimeRule {
  /** The `max_age` the request sent. */
  maxAgeSeconds: number
  /** Slack for the moments between the user's sign-in and the code exchange. */
  leewaySeconds: number
  /** The auth_time of the last proof this session accepted: a new proof must be newer. */
  previousAuthTime?: number
  /** The server, to name in a refusal. */
  issuer: string
}

/**
 * Whether a re-authentication really happened just now. Every comparison is between two times from
 * the server's clock (auth_time, iat, an earlier auth_time), so a skewed local clock cannot grant or
 * refuse. Anything doubtful is refused; the message says what the server did.
 */
export function freshAuthTime(claims: AuthTimeClaims, rule: AuthTimeRule): number {
  const { authTime, issuedAt } = claims
  if (typeof authTime !== 'number' || !Number.isFinite(authTime)) {
    throw new AppError(
      'AUTH_FAILED',
      `The sign-in server at ${rule.issuer} did not say when you signed in (its ID token has no auth_time), so it does not honour max_age. Keywarden cannot tell whether you just proved it is you, and did nothing.`,
    )
  }
  if (authTime > issuedAt + rule.leewaySeconds) {
    throw new AppError(
      'AUTH_FAILED',
      `The sign-in server at ${rule.issuer} says you signed in after it issued the ID token (auth_time is later than iat). Keywarden did nothing.`,
    )
  }
  const age = issuedAt - authTime
  if (age > rule.maxAgeSeconds + rule.leewaySeconds) {
    throw new AppError(
      'AUTH_FAILED',
      `The sign-in server at ${rule.issuer} reused a sign-in from ${describeAge(age)} ago instead of asking you again (it ignored max_age=${rule.maxAgeSeconds}). Keywarden did nothing.`,
    )
  }
  if (rule.previousAuthTime !== undefined && authTime <= rule.previousAuthTime) {
    throw new AppError(
      'AUTH_FAILED',
      `The sign-in server at ${rule.issuer} answered with your earlier sign-in instead of asking you again (auth_time did not change). Keywarden did nothing.`,
    )
  }
  return authTime
}

function describeAge(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} seconds`
  if (seconds < 7200) return `${Math.round(seconds / 60)} minutes`
  return `${Math.round(seconds / 3600)} hours`
}
