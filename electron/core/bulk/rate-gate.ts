import { backoffDelays, sleep } from '../http/backoff'
import { RateLimitedError } from '../http/http-errors'

/** The longest pause a Retry-After may ask of a run before the key counts as failed. */
const MAX_WAIT_MS = 60_000
/** How many 429s one key may meet before it counts as failed. */
const MAX_RATE_LIMITED = 6

/**
 * What every worker of one run shares: when the API answered 429, nobody sends before its
 * Retry-After has passed (or the usual backoff, when it gave none).
 */
export class RateGate {
  private notBefore = 0

  /** Waits until sending is allowed again. */
  async open(): Promise<void> {
    for (;;) {
      const wait = this.notBefore - Date.now()
      if (wait <= 0) return
      await sleep(wait)
    }
  }

  /**
   * Runs `send`; on a 429 closes the gate for everyone for the wait asked and sends again, a few
   * times at most. A 429 means the server did not act, so sending again never acts twice.
   */
  async send<T>(send: () => Promise<T>): Promise<T> {
    let fallback: number[] | undefined
    for (let n = 0; ; n++) {
      await this.open()
      try {
        return await send()
      } catch (error) {
        if (!(error instanceof RateLimitedError) || n + 1 >= MAX_RATE_LIMITED) throw error
        // The backoff is drawn at the first 429 only: most keys of a run never meet one.
        fallback ??= backoffDelays(1000, MAX_RATE_LIMITED)
        const wait = Math.min(error.retryAfterMs ?? fallback[n] ?? MAX_WAIT_MS, MAX_WAIT_MS)
        this.notBefore = Math.max(this.notBefore, Date.now() + wait)
      }
    }
  }
}
