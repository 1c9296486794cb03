import { HttpError } from '../http'

/** Limits on failed logins: per account and per client address, each within a sliding window. */
export interface ThrottleLimits {
  /** Length of the window failures are counted in. Default 900 (15 minutes). */
  windowSeconds: number
  /** Failures for one account (username, or pulse public key id) before it is refused. Default 10. */
  maxFailuresPerAccount: number
  /** Failures from one address (all accounts together) before it is refused. Default 30. */
  maxFailuresPerAddress: number
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  windowSeconds: 900,
  maxFailuresPerAccount: 10,
  maxFailuresPerAddress: 30,
}

export interface ThrottleSubject {
  /** Undefined when the attempt names no account (a bare API key value). */
  account?: string
  address: string
}

/** An attempt counted as a failure from the start, so concurrent guesses cannot all slip past the check. */
export interface Attempt {
  succeeded(): void
}

// Attacker-chosen usernames must not grow memory without bound.
const MAX_TRACKED = 10_000
const MAX_ACCOUNT_LENGTH = 200

/**
 * Counts failed attempts and refuses with 429 + Retry-After once an account or an address had too
 * many within the window, whether or not the next attempt would be right. Only failures count:
 * a success clears its account and takes its own attempt back, so normal use is never throttled.
 * Time is the sandbox's clock, so tests move past a window without sleeping.
 */
export class FailureThrottle {
  readonly #failures = new Map<string, number[]>()

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => Date,
    /** Finishes "Too many failed ___ attempts", e.g. "sign-in" or "API key". */
    private readonly what: string,
  ) {
    for (const [name, value] of Object.entries(limits)) {
      if (!Number.isSafeInteger(value) || value < 1)
        throw new Error(`Invalid throttle ${name} ${value}; it must be a positive whole number.`)
    }
  }

  /** 429 when the subject is over a limit now; the error's Retry-After says when it is not. */
  check(subject: ThrottleSubject): void {
    const now = this.now().getTime()
    const waits = this.#buckets(subject).map(([bucket, max]) => this.#waitMs(bucket, max, now))
    const waitMs = Math.max(0, ...waits)
    if (waitMs <= 0) return
    const seconds = Math.min(this.limits.windowSeconds, Math.max(1, Math.ceil(waitMs / 1000)))
    throw new HttpError(
      429,
      'too_many_requests',
      `Too many failed ${this.what} attempts for this account or from this address. Try again in ${seconds} seconds.`,
      { retryAfterSeconds: seconds },
      { 'Retry-After': String(seconds) },
    )
  }

  /** Checks, then counts the attempt as failed until `succeeded()` is called. */
  begin(subject: ThrottleSubject): Attempt {
    this.check(subject)
    const at = this.now().getTime()
    this.fail(subject, at)
    return {
      succeeded: () => {
        if (subject.account !== undefined) this.#failures.delete(accountKey(subject.account))
        const times = this.#failures.get(addressKey(subject.address))
        const index = times?.lastIndexOf(at) ?? -1
        if (times && index >= 0) times.splice(index, 1)
      },
    }
  }

  fail(subject: ThrottleSubject, at = this.now().getTime()): void {
    this.#forgetOld(at)
    for (const [bucket, max] of this.#buckets(subject)) {
      const times = this.#failures.get(bucket) ?? []
      times.push(at)
      // Only the newest `max` failures decide anything.
      if (times.length > max) times.splice(0, times.length - max)
      this.#failures.delete(bucket)
      this.#failures.set(bucket, times)
    }
    while (this.#failures.size > MAX_TRACKED) {
      const oldest = this.#failures.keys().next().value
      if (oldest === undefined) break
      this.#failures.delete(oldest)
    }
  }

  #buckets({ account, address }: ThrottleSubject): Array<[string, number]> {
    const buckets: Array<[string, number]> = [[addressKey(address), this.limits.maxFailuresPerAddress]]
    if (account !== undefined) buckets.push([accountKey(account), this.limits.maxFailuresPerAccount])
    return buckets
  }

  /** How long until fewer than `max` failures of this bucket are inside the window. */
  #waitMs(bucket: string, max: number, now: number): number {
    const windowMs = this.limits.windowSeconds * 1000
    const recent = (this.#failures.get(bucket) ?? []).filter((at) => at > now - windowMs)
    if (recent.length < max) return 0
    const oldestThatMatters = recent[recent.length - max] ?? now
    return oldestThatMatters + windowMs - now
  }

  #forgetOld(now: number): void {
    const windowMs = this.limits.windowSeconds * 1000
    for (const [bucket, times] of this.#failures) {
      if (times.every((at) => at <= now - windowMs)) this.#failures.delete(bucket)
    }
  }
}

const addressKey = (address: string): string => `address\u0000${address}`
const accountKey = (account: string): string => `account\u0000${account.slice(0, MAX_ACCOUNT_LENGTH)}`
