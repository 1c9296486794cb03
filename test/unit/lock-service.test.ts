import { describe, expect, it } from 'vitest'
import { ManualClock } from '@core/clock'
import { LockService } from '@core/sudo/lock-service'

const MINUTE = 60_000

function setup(minutes = 5) {
  const clock = new ManualClock(1_700_000_000_000)
  let idle = minutes
  const events: string[] = []
  const lock = new LockService({
    clock,
    idleMinutes: () => idle,
    onLock: (state) => events.push(`locked:${state.reason}`),
    onUnlock: () => events.push('unlocked'),
  })
  lock.start()
  return { clock, lock, events, setIdle: (m: number) => (idle = m) }
}

describe('the lock and its triggers', () => {
  it('locks after the idle time under the test clock, not before', () => {
    const { clock, lock, events } = setup(5)
    clock.advance(5 * MINUTE - 1)
    expect(lock.current()).toEqual({ locked: false })
    clock.advance(1)
    expect(lock.current()).toMatchObject({ locked: true, reason: 'idle' })
    expect(events).toEqual(['locked:idle'])
  })

  it('activity starts the idle time again', () => {
    const { clock, lock } = setup(5)
    clock.advance(4 * MINUTE)
    lock.activity()
    clock.advance(4 * MINUTE)
    expect(lock.current().locked).toBe(false)
    clock.advance(MINUTE)
    expect(lock.current()).toMatchObject({ locked: true, reason: 'idle' })
  })

  it('sleep and screen lock lock at once, with a message saying why; a second lock changes nothing', () => {
    const { lock, events } = setup()
    expect(lock.lock('sleep')).toMatchObject({
      locked: true,
      reason: 'sleep',
      message: expect.stringContaining('sleep'),
    })
    lock.lock('screen-lock')
    expect(events).toEqual(['locked:sleep'])
    const other = setup()
    expect(other.lock.lock('screen-lock')).toMatchObject({ reason: 'screen-lock' })
  })

  it('refuses key calls while locked; after unlock the idle time runs again', () => {
    const { clock, lock, events } = setup(5)
    lock.lock('user')
    expect(() => lock.assertUnlocked()).toThrow(expect.objectContaining({ code: 'LOCKED' }))
    clock.advance(60 * MINUTE)
    lock.unlocked()
    expect(() => lock.assertUnlocked()).not.toThrow()
    clock.advance(5 * MINUTE)
    expect(events).toEqual(['locked:user', 'unlocked', 'locked:idle'])
  })

  it('an idle time of 0 never locks by itself; a settings change applies at once', () => {
    const { clock, lock, setIdle } = setup(0)
    clock.advance(24 * 60 * MINUTE)
    expect(lock.current().locked).toBe(false)
    setIdle(1)
    lock.activity()
    lock.settingsChanged()
    clock.advance(MINUTE)
    expect(lock.current()).toMatchObject({ locked: true, reason: 'idle' })
  })
})
