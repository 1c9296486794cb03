/** When Keywarden looks for updates. */
export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000
/** After a failed check or a download that failed verification, the next try comes sooner. */
export const RETRY_AFTER_ERROR_MS = 60 * 60 * 1000

export type UpdateRuntime = 'electron' | 'browser-host'

/** Only an installed (packaged) Electron app updates itself; development runs and the browser host never do. */
export function updatesSupported(runtime: UpdateRuntime, packaged: boolean): boolean {
  return runtime === 'electron' && packaged
}

/** How long until the next check, after one ended with `outcome`. */
export function nextCheckDelay(outcome: 'ok' | 'error'): number {
  return outcome === 'error' ? RETRY_AFTER_ERROR_MS : CHECK_INTERVAL_MS
}
