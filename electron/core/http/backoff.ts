import { AppError } from '../errors'

/** Waits before retry n: 250 ms, then 1 s, with jitter so many clients do not retry in step. */
export function backoffDelays(base = 250, retries = 2): number[] {
  return Array.from({ length: retries }, (_, n) => base * 4 ** n * (0.75 + Math.random() * 0.5))
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError('CANCELLED', 'The request was cancelled.'))
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(new AppError('CANCELLED', 'The request was cancelled.'))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
