/** One task at a time: a caller that arrives while it runs gets the same promise. */
export class SingleFlight<T> {
  private running: Promise<T> | undefined

  run(task: () => Promise<T>): Promise<T> {
    this.running ??= task().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  get busy(): boolean {
    return this.running !== undefined
  }
}

/** An access token and when it stops working (epoch milliseconds). */
export interface ExpiringToken {
  value: string
  expiresAt: number
}

/** A token is renewed this long before it expires, so a request never leaves with a stale one. */
export const RENEW_MARGIN_MS = 60_000

/**
 * The access token of one session and its renewal, for every session kind: a token about to
 * expire is renewed first, a rejected one is replaced, and callers that arrive while a renewal runs
 * share it, so the server sees one renewal however many requests wait.
 */
export class TokenRenewal {
  private token: ExpiringToken | undefined
  private readonly flight = new SingleFlight<string>()

  /** `renew` gets a new token (a refresh grant, a login); it throws when the session cannot go on. */
  constructor(
    private readonly renew: () => Promise<ExpiringToken>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid token, renewed first if it is about to expire. */
  async current(): Promise<string> {
    if (this.token && this.token.expiresAt - this.now() > RENEW_MARGIN_MS) return this.token.value
    return this.renewOnce()
  }

  /** After a 401: renew once, unless another caller already replaced the rejected token. */
  async afterRejection(rejected: string): Promise<string> {
    if (this.token && this.token.value !== rejected) return this.token.value
    this.token = undefined
    return this.renewOnce()
  }

  /** A token that came another way (a sign-in), or none (a sign-out). */
  set(token: ExpiringToken | undefined): void {
    this.token = token
  }

  /** Runs the renewal, or joins the one already running. */
  renewOnce(): Promise<string> {
    return this.flight.run(async () => {
      const token = await this.renew()
      this.token = token
      return token.value
    })
  }
}
