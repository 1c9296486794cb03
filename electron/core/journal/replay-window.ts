import type { Dialect } from '@shared/domain/profile'

const DAY_MS = 24 * 60 * 60_000

/**
 * How long each dialect's server answers a repeated `Idempotency-Key` with its first answer (the key
 * and secret again), per docs/remote-apis.md: every dialect replays creates for 24 hours, as Stripe
 * does. Null would mean no replay at all; recovery then reports the key as created without its secret.
 */
const REPLAY_WINDOW_MS: Record<Dialect, number | null> = {
  gateway: DAY_MS,
  wallet: DAY_MS,
  pulse: DAY_MS,
}

/** Whether a create first sent at `startedAt` can still be replayed at `now`. */
export function canReplay(dialect: Dialect, startedAt: string, now: number): boolean {
  const window = REPLAY_WINDOW_MS[dialect]
  return window !== null && now - Date.parse(startedAt) < window
}
