/**
 * Where settings live: electron-store in the app, `conf` (the library electron-store is built on,
 * same file format) in the browser test host and in tests. Never holds a secret.
 */
export interface SettingsStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}
