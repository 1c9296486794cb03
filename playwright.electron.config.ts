import { defineConfig } from '@playwright/test'

/**
 * The Electron end-to-end suite (test/electron): the built app (out/) launched with Playwright's
 * `_electron`, each test on its own sandbox, user-data folder and keychain service. Where Electron's
 * runtime is not installed, every spec is skipped with that reason.
 *
 *   npx electron-vite build && npx playwright test -c playwright.electron.config.ts
 *   (Linux: inside test/support/with-private-keyring.sh, and under xvfb-run without a display)
 */
export default defineConfig({
  testDir: 'test/electron',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // One app at a time: the clipboard and the keychain are shared by the whole desktop session.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  outputDir: '.tmp/playwright-electron-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
