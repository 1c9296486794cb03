import type { PowerMonitor } from 'electron'
import type { DesktopEvents } from '@core/app-core'

/** How often the system idle time is read; the user counts as present when it is below this. */
export const IDLE_POLL_SECONDS = 30

/**
 * Feeds the core's lock from the desktop: sleep and screen lock lock Keywarden at once, and activity
 * anywhere on the system (not only in Keywarden's window) restarts its idle time. Returns a stop function.
 */
export function watchPowerEvents(
  power: Pick<PowerMonitor, 'on' | 'removeListener' | 'getSystemIdleTime'>,
  desktop: DesktopEvents,
): () => void {
  const suspended = () => desktop.suspended()
  const screenLocked = () => desktop.screenLocked()
  power.on('suspend', suspended)
  power.on('lock-screen', screenLocked)
  const poll = setInterval(() => {
    if (power.getSystemIdleTime() < IDLE_POLL_SECONDS) desktop.active()
  }, IDLE_POLL_SECONDS * 1000)
  poll.unref()
  return () => {
    clearInterval(poll)
    power.removeListener('suspend', suspended)
    power.removeListener('lock-screen', screenLocked)
  }
}
