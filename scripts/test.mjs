#!/usr/bin/env node
// `npm test`: typecheck, build, Electronegativity, vitest (unit + integration) and Playwright, then one plain line
// "N passed, N failed, N skipped" summing every suite. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

// On Linux the tests use their own D-Bus session and a throw-away gnome-keyring, never the user's.
if (process.platform === 'linux' && !process.env.KEYWARDEN_PRIVATE_KEYRING) {
  const wrapped = spawnSync(
    join(root, 'test/support/with-private-keyring.sh'),
    [process.execPath, ...process.argv.slice(1)],
    { stdio: 'inherit', cwd: root },
  )
  process.exit(wrapped.status ?? 1)
}

const tmp = join(root, '.tmp')
mkdirSync(tmp, { recursive: true })
const totals = { passed: 0, failed: 0, skipped: 0 }

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title}`)
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } })
  return result.status === 0
}

function check(title, command, args) {
  const ok = run(title, command, args)
  if (ok) totals.passed += 1
  else totals.failed += 1
  return ok
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
check('typecheck (main, core, sandbox, tests)', npx, ['tsc', '-p', 'tsconfig.node.json', '--noEmit'])
check('typecheck (renderer)', npx, ['tsc', '-p', 'tsconfig.web.json', '--noEmit'])
check('typecheck (end-to-end tests)', npx, ['tsc', '-p', 'tsconfig.e2e.json', '--noEmit'])
check('lint (eslint + prettier --check)', npx === 'npx' ? 'npm' : 'npm.cmd', ['run', '--silent', 'lint'])
check('workflow files (action-validator)', process.execPath, [join(root, 'scripts/validate-workflows.mjs')])
const built = check('build (electron-vite: main, preload, renderer)', npx, ['electron-vite', 'build'])
// Electronegativity over the Electron sources and the build; a finding not reviewed in
// security/electronegativity-findings.json fails it.
if (built) {
  check('electronegativity (sources and build)', process.execPath, [join(root, 'scripts/electronegativity.mjs')])
  check('renderer size (at most 250 kB of JavaScript, gzip)', process.execPath, [
    join(root, 'scripts/renderer-size.mjs'),
  ])
} else {
  console.log('\n=== electronegativity and renderer size skipped: the build failed')
  totals.failed += 2
}

const vitestReport = join(tmp, 'vitest-report.json')
rmSync(vitestReport, { force: true })
const vitestOk = run('vitest (unit + integration)', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
])
const vitest = readJson(vitestReport)
if (vitest) {
  totals.passed += vitest.numPassedTests
  totals.failed += vitest.numFailedTests
  totals.skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0)
  // A suite that failed to load has no test results of its own: count it once.
  if (!vitestOk && vitest.numFailedTests === 0) totals.failed += Math.max(1, vitest.numFailedTestSuites)
} else {
  totals.failed += 1
}

/** Runs one Playwright config and adds its stats to the totals; a run that produced no report counts as failed. */
function playwright(title, config, command = npx, prefix = []) {
  const report = join(tmp, `playwright-report-${config.replace(/\W+/g, '-')}.json`)
  rmSync(report, { force: true })
  const args = [...prefix, 'playwright', 'test', '-c', config, '--reporter=list,json']
  const ok = run(title, command, args, { PLAYWRIGHT_JSON_OUTPUT_NAME: report })
  const stats = readJson(report)?.stats
  if (!stats) {
    totals.failed += 1
    return
  }
  totals.passed += stats.expected + stats.flaky
  totals.failed += stats.unexpected
  totals.skipped += stats.skipped
  if (!ok && stats.unexpected === 0) totals.failed += 1
}

if (built) {
  playwright('playwright (end to end, Chromium)', 'playwright.config.ts')
  // The real Electron app: skipped, with the reason, where Electron's runtime is not installed (as on the
  // project's own machines); run for real on the CI runners of .github/workflows/ci.yml.
  const headless = process.platform === 'linux' && !process.env.DISPLAY && spawnSync('which', ['xvfb-run']).status === 0
  if (headless) playwright('playwright (Electron app)', 'playwright.electron.config.ts', 'xvfb-run', ['-a', npx])
  else playwright('playwright (Electron app)', 'playwright.electron.config.ts')
} else {
  console.log('\n=== playwright skipped: the build failed')
  totals.failed += 1
}

console.log('')
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 ? 1 : 0)
