import { backoffDelays, sleep } from './backoff'
import { DEFAULT_RETRY_AFTER_MS, isTransient, MAX_RETRY_AFTER_MS, RateLimitedError } from './http-errors'

/** How many 429s in a row a retriable request waits out before the error is the answer. */
const RATE_LIMIT_RETRIES = 5

/**
 * Runs `attempt`, and again after a short backoff while it fails in a way that may pass (see
 * isTransient) — but only when `retriable`: a request that could take effect twice is tried once.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  options: { retriable: boolean; signal?: AbortSignal | undefined },
): Promise<T> {
  let delays: number[] | undefined
  let limited = 0
  for (let n = 0; ; n++) {
    try {
      return await attempt()
    } catch (error) {
      // A 429 is honoured: wait as long as the server asked, when that is reasonable, then again.
      if (error instanceof RateLimitedError) {
        const wait = error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS
        if (!options.retriable || limited >= RATE_LIMIT_RETRIES || wait > MAX_RETRY_AFTER_MS) throw error
        limited++
        n--
        await sleep(wait, options.signal)
        continue
      }
      // Drawn at the first failure only: most requests never fail.
      delays ??= options.retriable ? backoffDelays() : []
      const delay = delays[n]
      if (!isTransient(error) || delay === undefined) throw error
      await sleep(delay, options.signal)
    }
  }
}
