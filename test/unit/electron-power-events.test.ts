import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DesktopEvents } from '@core/app-core'
import { IDLE_POLL_SECONDS, watchPowerEvents } from '@main/power-events'

// Electron's powerMonitor is stood in (an emitter with a settable idle time); the wiring is the shell's own.
function fakePowerMonitor() {
  const emitter = new EventEmitter()
  let idleSeconds = 0
  return {
    on: (event: string, listener: () => void) => emitter.on(event, listener),
    removeListener: (event: string, listener: () => void) => emitter.removeListener(event, listener),
    getSystemIdleTime: () => idleSeconds,
    emit: (event: string) => emitter.emit(event),
    setIdle: (seconds: number) => (idleSeconds = seconds),
    listeners: () => emitter.eventNames().length,
  }
}

function recordingDesktop() {
  const seen: string[] = []
  const desktop: DesktopEvents = {
    suspended: () => void seen.push('suspended'),
    screenLocked: () => void seen.push('screenLocked'),
    active: () => void seen.push('active'),
  }
  return { seen, desktop }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('the desktop feeds the lock', () => {
  it('locks on system sleep and on screen lock', () => {
    const power = fakePowerMonitor()
    const { seen, desktop } = recordingDesktop()
    watchPowerEvents(power as never, desktop)
    power.emit('suspend')
    power.emit('lock-screen')
    expect(seen).toEqual(['suspended', 'screenLocked'])
  })

  it('counts system-wide activity, not idle time, as the user being here', () => {
    vi.useFakeTimers()
    const power = fakePowerMonitor()
    const { seen, desktop } = recordingDesktop()
    watchPowerEvents(power as never, desktop)
    power.setIdle(2)
    vi.advanceTimersByTime(IDLE_POLL_SECONDS * 1000)
    power.setIdle(IDLE_POLL_SECONDS * 4)
    vi.advanceTimersByTime(IDLE_POLL_SECONDS * 1000)
    expect(seen).toEqual(['active'])
  })

  it('stops listening when the app quits', () => {
    vi.useFakeTimers()
    const power = fakePowerMonitor()
    const { seen, desktop } = recordingDesktop()
    const stop = watchPowerEvents(power as never, desktop)
    stop()
    power.emit('suspend')
    vi.advanceTimersByTime(IDLE_POLL_SECONDS * 2000)
    expect(seen).toEqual([])
    expect(power.listeners()).toBe(0)
  })
})
