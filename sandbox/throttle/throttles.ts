import { DEFAULT_THROTTLE_LIMITS, FailureThrottle, type ThrottleLimits } from './failure-throttle'

/** One throttle for passwords (login page, pulse username login), one for API keys (pulse key login, demo requests). */
export interface Throttles {
  passwords: FailureThrottle
  apiKeys: FailureThrottle
}

export function createThrottles(limits: Partial<ThrottleLimits> | undefined, clock: () => Date): Throttles {
  const effective = { ...DEFAULT_THROTTLE_LIMITS, ...limits }
  return {
    passwords: new FailureThrottle(effective, clock, 'sign-in'),
    apiKeys: new FailureThrottle(effective, clock, 'API key'),
  }
}
