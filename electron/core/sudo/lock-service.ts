import type { LockReason, LockState } from '@shared/domain/lock'
import type { Clock } from '../clock'
import { AppError } from '../errors'

const MESSAGES: Record<LockReason, string> = {
  idle: 'Keywarden locked itself after you were away.',
  sleep: 'Keywarden locked when this computer went to sleep.',
  'screen-lock': 'Keywarden locked when the screen was locked.',
  user: 'You locked Keywarden.',
}

/**
 * The lock: after the idle time (activity reported by the page or the OS, measured on the clock),
 * on sleep and on screen lock. Locking only hides and refuses; background work goes on, and what it
 * produced waits in the main process until unlock.
 */
export class LockService {
  private state: LockState = { locked: false }
  private lastActivity: number
  private timer: unknown

  constructor(
    private readonly deps: {
      clock: Clock
      /** Minutes; 0 = never by idle time. Read each time the timer is armed. */
      idleMinutes: () => number
      onLock: (state: LockState & { locked: true }) => void
      onUnlock: () => void
    },
  ) {
    this.lastActivity = deps.clock.now()
  }

  current(): LockState {
    return this.state
  }

  start(): void {
    this.arm()
  }

  stop(): void {
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer)
    this.timer = undefined
  }

  /** Someone used the app (or the computer): the idle time starts again. Ignored while locked. */
  activity(): void {
    if (this.state.locked) return
    this.lastActivity = this.deps.clock.now()
  }

  lock(reason: LockReason): LockState {
    if (this.state.locked) return this.state
    this.stop()
    const locked = { locked: true as const, reason, message: MESSAGES[reason] }
    this.state = locked
    this.deps.onLock(locked)
    return locked
  }

  /** Called once the same proof as sudo mode was given. */
  unlocked(): LockState {
    if (!this.state.locked) return this.state
    this.state = { locked: false }
    this.lastActivity = this.deps.clock.now()
    this.deps.onUnlock()
    this.arm()
    return this.state
  }

  /** Refuses a call that would show or change keys while locked. */
  assertUnlocked(): void {
    if (this.state.locked) throw new AppError('LOCKED', 'Keywarden is locked. Unlock it to continue.')
  }

  /** The settings changed: the new idle time applies from now. */
  settingsChanged(): void {
    if (!this.state.locked) this.arm()
  }

  private arm(): void {
    this.stop()
    const minutes = this.deps.idleMinutes()
    if (minutes <= 0) return
    const due = this.lastActivity + minutes * 60_000
    this.timer = this.deps.clock.setTimeout(
      () => {
        this.timer = undefined
        if (this.deps.clock.now() >= this.lastActivity + minutes * 60_000) this.lock('idle')
        else this.arm()
      },
      Math.max(0, due - this.deps.clock.now()),
    )
  }
}
