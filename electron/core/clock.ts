/** Time, injectable: scheduled revocations are tested under a controlled clock. */
export interface Clock {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    // Node timers overflow past ~24.8 days; a far deadline is re-armed by the caller when it fires early.
    const timer = setTimeout(callback, Math.min(ms, 2 ** 31 - 1))
    timer.unref?.()
    return timer
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
}

/** A clock that moves only when told to; due timers run in order as it advances. */
export class ManualClock implements Clock {
  private timers: Array<{ at: number; callback: () => void; id: number }> = []
  private nextId = 1

  constructor(private current = Date.now()) {}

  now(): number {
    return this.current
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++
    this.timers.push({ at: this.current + Math.max(0, ms), callback, id })
    return id
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle)
  }

  advance(ms: number): void {
    const target = this.current + ms
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      this.timers = this.timers.filter((t) => t !== due)
      this.current = Math.max(this.current, due.at)
      due.callback()
    }
    this.current = target
  }
}
