#!/usr/bin/env node
// `npm test`: typecheck, build, Electronegativity, vitest (unit + integration) and Playwright, then one plain line
// "N passed, N failed, N skipped" summing every suite. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

// On Linux the tests use their own D-Bus session and a throw-away gnome-keyring, never the user's.
if (process.platform === 'linux' && !process.env.KEYWARDEN_PRIVATE_KEYRING) {
  const wrapped = spawnSync(join(root, 'test/support/with-private-keyring.sh'), [process.execPath, ...process.argv.slice(1)], { stdio: 'inherit', cwd: root })
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
const built = check('build (electron-vite: main, preload, renderer)', npx, ['electron-vite', 'build'])
// Electronegativity over the Electron sources and the build; a finding not reviewed in
// security/electronegativity-findings.json fails it.
if (built) {
  check('electronegativity (sources and build)', process.execPath, [join(root, 'scripts/electronegativity.mjs')])
} else {
  console.log('\n=== electronegativity skipped: the build failed')
  totals.failed += 1
}

const vitestReport = join(tmp, 'vitest-report.json')
rmSync(vitestReport, { force: true })
const vitestOk = run('vitest (unit + integration)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`])
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

if (built) {
  const playwrightReport = join(tmp, 'playwright-report.json')
  rmSync(playwrightReport, { force: true })
  const playwrightOk = run('playwright (end to end, Chromium)', npx, ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport })
  const stats = readJson(playwrightReport)?.stats
  if (stats) {
    totals.passed += stats.expected + stats.flaky
    totals.failed += stats.unexpected
    totals.skipped += stats.skipped
    if (!playwrightOk && stats.unexpected === 0) totals.failed += 1
  } else {
    totals.failed += 1
  }
} else {
  console.log('\n=== playwright skipped: the build failed')
  totals.failed += 1
}

console.log('')
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 ? 1 : 0)
