import { defineConfig } from '@playwright/test'

/** Debian's Chromium: Playwright may not download a browser of its own on the build machines. */
const chromium = process.env.KEYWARDEN_CHROMIUM ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  // The path aliases (@shared/…, @core/…) of the e2e tests' tsconfig.
  tsconfig: './tsconfig.e2e.json',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One worker: the keychain and two cores are shared; each test still gets its own sandbox, host and data.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  outputDir: '.tmp/playwright-results',
  use: {
    browserName: 'chromium',
    locale: 'en-GB',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
