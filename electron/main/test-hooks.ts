import { app } from 'electron'

/**
 * Hooks for the Electron end-to-end tests (test/electron). They exist only when KEYWARDEN_E2E=1 AND
 * the app is not packaged: an installed Keywarden ignores the variable entirely.
 *
 * - KEYWARDEN_E2E_USER_DATA: a fresh user-data folder per test.
 * - openExternal: the authorization URL is recorded instead of opening the system browser; the test
 *   reads it from the main process (`electronApp.evaluate`) and completes the sandbox's login page
 *   over HTTP.
 * - setContentProtection calls are recorded, because Electron cannot report the state on Linux
 *   (`isContentProtected()` exists on macOS and Windows only).
 */
export interface TestHooks {
  openExternal(url: string): Promise<void>
  contentProtectionSet(on: boolean): void
}

/** What the test reads with `electronApp.evaluate(() => globalThis.__keywardenE2E)`. */
export interface TestRecord {
  opened: string[]
  contentProtection: boolean[]
}

export const TEST_RECORD_KEY = '__keywardenE2E'

export function testHooksEnabled(): boolean {
  return process.env.KEYWARDEN_E2E === '1' && !app.isPackaged
}

/** Call first, before the single-instance lock: the lock lives in the user-data folder. */
export function applyTestUserData(): void {
  const dir = process.env.KEYWARDEN_E2E_USER_DATA
  if (testHooksEnabled() && dir) app.setPath('userData', dir)
}

export function createTestHooks(): TestHooks | undefined {
  if (!testHooksEnabled()) return undefined
  const record: TestRecord = { opened: [], contentProtection: [] }
  ;(globalThis as Record<string, unknown>)[TEST_RECORD_KEY] = record
  return {
    openExternal: async (url) => void record.opened.push(url),
    contentProtectionSet: (on) => void record.contentProtection.push(on),
  }
}
