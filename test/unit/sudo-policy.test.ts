import { describe, expect, it } from 'vitest'
import { ManualClock } from '@core/clock'
import { isAppError } from '@core/errors'
import { freshAuthTime } from '@core/sudo/auth-time'
import { SudoPolicy } from '@core/sudo/sudo-policy'

const ISSUER = 'https://login.example.test'
const rule = { maxAgeSeconds: 0, leewaySeconds: 120, issuer: ISSUER }

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run()
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('expected a refusal')
}

describe('auth_time rules of a re-authentication', () => {
  it('accepts an auth_time from just before the token was issued', () => {
    expect(freshAuthTime({ authTime: 1_000_000, issuedAt: 1_000_004 }, rule)).toBe(1_000_000)
  })

  it('refuses a missing auth_time and names what the server did', () => {
    for (const authTime of [undefined, null, '1000000', Number.NaN]) {
      const error = refusal(() => freshAuthTime({ authTime, issuedAt: 1_000_000 }, rule))
      expect(error.code).toBe('AUTH_FAILED')
      expect(error.message).toContain(ISSUER)
      expect(error.message).toContain('no auth_time')
      expect(error.message).toContain('does not honour max_age')
    }
  })

  it('refuses a stale auth_time: the server reused an old sign-in', () => {
    const error = refusal(() => freshAuthTime({ authTime: 1_000_000, issuedAt: 1_000_000 + 11 * 60 }, rule))
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.message).toContain('reused a sign-in from 11 minutes ago')
    expect(error.message).toContain('ignored max_age=0')
  })

  it('allows the leeway and the requested max_age, and not one second more', () => {
    const withMaxAge = { ...rule, maxAgeSeconds: 300 }
    expect(freshAuthTime({ authTime: 1_000_000, issuedAt: 1_000_000 + 420 }, withMaxAge)).toBe(1_000_000)
    expect(refusal(() => freshAuthTime({ authTime: 1_000_000, issuedAt: 1_000_000 + 421 }, withMaxAge)).code).toBe(
      'AUTH_FAILED',
    )
  })

  it('refuses an auth_time no newer than the last accepted proof', () => {
    const error = refusal(() =>
      freshAuthTime({ authTime: 1_000_000, issuedAt: 1_000_001 }, { ...rule, previousAuthTime: 1_000_000 }),
    )
    expect(error.message).toContain('auth_time did not change')
    expect(freshAuthTime({ authTime: 1_000_001, issuedAt: 1_000_002 }, { ...rule, previousAuthTime: 1_000_000 })).toBe(
      1_000_001,
    )
  })

  it('refuses an auth_time after the token was issued', () => {
    expect(refusal(() => freshAuthTime({ authTime: 1_000_500, issuedAt: 1_000_000 }, rule)).message).toContain(
      'later than iat',
    )
  })
})

describe('sudo window', () => {
  const setup = (minutes = 10) => {
    const clock = new ManualClock(1_700_000_000_000)
    let window = minutes
    const policy = new SudoPolicy({ clock, windowMinutes: () => window })
    return { clock, policy, setWindow: (m: number) => (window = m) }
  }

  it('needs a proof: a restored session has none', () => {
    const { policy } = setup()
    const check = policy.check('p1', 'admin', 'reveal')
    expect(check).toEqual({ fresh: false, reason: expect.stringContaining('Revealing a key needs you to sign in') })
    expect(refusal(() => policy.require('p1', 'admin', 'reveal')).code).toBe('REAUTH_REQUIRED')
  })

  it('is fresh within the window and stale after it, under the test clock', () => {
    const { clock, policy } = setup(10)
    policy.grant('p1', 'admin')
    clock.advance(10 * 60_000)
    expect(policy.check('p1', 'admin', 'revoke')).toEqual({ fresh: true })
    clock.advance(1)
    expect(policy.check('p1', 'admin', 'revoke')).toEqual({
      fresh: false,
      reason: 'Revoking a key needs a sign-in from the last 10 minutes; yours was 10 minutes ago.',
    })
  })

  it('a proof is for one profile and one subject', () => {
    const { policy } = setup()
    policy.grant('p1', 'admin')
    expect(policy.check('p2', 'admin', 'rotate').fresh).toBe(false)
    expect(policy.check('p1', 'support', 'rotate').fresh).toBe(false)
    expect(policy.check('p1', 'admin', 'rotate').fresh).toBe(true)
  })

  it('forget (sign-out, lock) drops the proof; a clock moved back is no proof either', () => {
    const { clock, policy } = setup()
    policy.grant('p1', 'admin')
    policy.forget()
    expect(policy.check('p1', 'admin', 'bulk').fresh).toBe(false)
    policy.grant('p1', 'admin')
    clock.advance(-60_000)
    expect(policy.check('p1', 'admin', 'bulk').fresh).toBe(false)
  })

  it('a window of 0 turns sudo mode off, and a settings change applies at once', () => {
    const { clock, policy, setWindow } = setup(10)
    expect(policy.check('p1', 'admin', 'reveal').fresh).toBe(false)
    setWindow(0)
    expect(policy.check('p1', 'admin', 'reveal')).toEqual({ fresh: true })
    setWindow(1)
    policy.grant('p1', 'admin')
    clock.advance(61_000)
    expect(policy.check('p1', 'admin', 'reveal').fresh).toBe(false)
  })
})
