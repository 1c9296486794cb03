import { backoffDelays, sleep } from './backoff'
import { isTransient } from './http-errors'

/**
 * Runs `attempt`, and again after a short backoff while it fails in a way that may pass (see
 * isTransient) — but only when `retriable`: a request that could take effect twice is tried once.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  options: { retriable: boolean; signal?: AbortSignal | undefined },
): Promise<T> {
  const delays = options.retriable ? backoffDelays() : []
  for (let n = 0; ; n++) {
    try {
      return await attempt()
    } catch (error) {
      const delay = delays[n]
      if (!isTransient(error) || delay === undefined) throw error
      await sleep(delay, options.signal)
    }
  }
}
