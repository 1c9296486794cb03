import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// js-yaml comes with electron-updater (its own dependency); typed here to what the test reads.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }

interface Step {
  name?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
}
interface Job {
  'runs-on': string
  strategy?: { matrix: { os?: string[]; include?: Array<{ os: string; targets: string }> } }
  steps: Step[]
  env?: Record<string, string>
  if?: string
}
interface Workflow {
  on: Record<string, unknown>
  jobs: Record<string, Job>
}

const load = (name: string) => yaml.load(readFileSync(resolve('.github/workflows', name), 'utf8')) as Workflow
const ci = load('ci.yml')
const release = load('release.yml')
const tmp = mkdtempSync(join(tmpdir(), 'keywarden-workflows-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** Which of the three runners a step runs on, from its `if:` (none, Linux only, or not Linux). */
function runsOn(step: Step, systems: string[]): string[] {
  if (!step.if) return systems
  if (step.if === "runner.os == 'Linux'") return systems.filter((os) => os.startsWith('ubuntu'))
  if (step.if === "runner.os != 'Linux'") return systems.filter((os) => !os.startsWith('ubuntu'))
  throw new Error(`unexpected condition ${step.if}`)
}

describe('ci.yml', () => {
  const job = ci.jobs.test!
  const systems = job.strategy!.matrix.os!

  it('runs on push and pull request, on ubuntu, macOS and Windows with Node 22', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']))
    expect(systems.sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest'])
    expect(job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(22)
  })

  it('runs npm ci, lint, typecheck and vitest everywhere; the browser-host suite on Linux', () => {
    for (const command of ['npm ci', 'npm run lint', 'npm run typecheck', 'node scripts/validate-workflows.mjs']) {
      const step = job.steps.find((s) => s.run?.startsWith(command))
      expect(step, command).toBeDefined()
      expect(runsOn(step!, systems)).toHaveLength(3)
    }
    const vitest = job.steps.filter((s) => s.run?.includes('vitest run')).flatMap((s) => runsOn(s, systems))
    expect(vitest.sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest'])
    const linuxVitest = job.steps.find((s) => s.run?.includes('vitest run') && s.if === "runner.os == 'Linux'")
    expect(linuxVitest?.run).toContain('with-private-keyring.sh')
    const browserHost = job.steps
      .filter((s) => /playwright test\s*$/.test(s.run ?? ''))
      .flatMap((s) => runsOn(s, systems))
    expect(browserHost).toEqual(['ubuntu-latest'])
  })

  it('runs the Electron suite on each of the three systems (xvfb on Linux), and never lets it skip there', () => {
    const electron = job.steps.filter((s) => s.run?.includes('playwright test -c playwright.electron.config.ts'))
    expect(electron.flatMap((s) => runsOn(s, systems)).sort()).toEqual([
      'macos-latest',
      'ubuntu-latest',
      'windows-latest',
    ])
    expect(electron.find((s) => s.if === "runner.os == 'Linux'")?.run).toMatch(/^xvfb-run /)
    expect(job.env?.KEYWARDEN_REQUIRE_ELECTRON).toBe('1')
  })

  it('uploads traces and screenshots when something failed', () => {
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))
    expect(upload?.if).toBe('failure()')
    expect(String(upload?.with?.path)).toContain('.tmp/playwright-electron-results')
  })
})

describe('release.yml', () => {
  it('builds dmg+zip (x64, arm64), nsis and AppImage+deb on a v* tag, smoke-tests each, and publishes a draft with latest*.yml', () => {
    expect(release.on.push).toEqual({ tags: ['v*'] })
    const build = release.jobs.build!
    const targets = Object.fromEntries(build.strategy!.matrix.include!.map((entry) => [entry.os, entry.targets]))
    expect(targets['macos-latest']).toBe('--mac dmg zip --x64 --arm64')
    expect(targets['windows-latest']).toBe('--win nsis --x64')
    expect(targets['ubuntu-latest']).toBe('--linux AppImage deb --x64')
    const stepNames = build.steps.map((s) => s.name ?? '')
    const smoke = stepNames.map((name, index) => (name.startsWith('Smoke test') ? index : -1)).filter((i) => i >= 0)
    const upload = build.steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact@'))
    expect(smoke).toHaveLength(3)
    expect(Math.max(...smoke)).toBeLessThan(upload)
    expect(String(build.steps[upload]!.with!.path)).toContain('dist/*.yml')
    const publish = release.jobs.publish!
    expect(publish.steps.at(-1)?.run).toContain('gh release create "$GITHUB_REF_NAME" artifacts/* --draft')
  })

  it('pins every action by a full commit SHA', () => {
    const uses = [ci, release].flatMap((w) =>
      Object.values(w.jobs).flatMap((job) => job.steps.map((s) => s.uses).filter((u): u is string => !!u)),
    )
    expect(uses.length).toBeGreaterThan(5)
    for (const use of uses) expect(use).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/)
  })
})

describe('the signing decision of a release', () => {
  const script = resolve('.github/scripts/signing-mode.mjs')
  const names = [
    'CSC_LINK',
    'CSC_KEY_PASSWORD',
    'APPLE_ID',
    'APPLE_APP_SPECIFIC_PASSWORD',
    'APPLE_TEAM_ID',
    'WIN_CSC_LINK',
    'WIN_CSC_KEY_PASSWORD',
  ]
  function decide(set: string[]) {
    const output = join(tmp, `output-${set.length}-${Math.random().toString(36).slice(2)}`)
    writeFileSync(output, '')
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output }
    // Empty secrets count as absent, as GitHub passes an unset secret as ''.
    for (const name of names) env[name] = set.includes(name) ? 'value' : ''
    const run = spawnSync(process.execPath, [script], { env, encoding: 'utf8' })
    return { status: run.status, stdout: run.stdout, output: readFileSync(output, 'utf8') }
  }

  it('no secrets: builds unsigned and says so', () => {
    const result = decide([])
    expect(result.status).toBe(0)
    expect(result.output).toBe('mode=unsigned\n')
    expect(result.stdout).toContain('building UNSIGNED')
  })

  it('every secret: signed', () => {
    expect(decide(names)).toMatchObject({ status: 0, output: 'mode=signed\n' })
  })

  it('some secrets (macOS only): refuses, naming what is missing, so no half-signed set is built', () => {
    const result = decide(names.slice(0, 5))
    expect(result.status).toBe(1)
    expect(result.output).toBe('')
    expect(result.stdout).toContain('Windows signing: WIN_CSC_LINK, WIN_CSC_KEY_PASSWORD')
  })
})

describe('scripts/validate-workflows.mjs', () => {
  it('passes the project workflows and fails a broken one with its line', () => {
    const ok = spawnSync(process.execPath, [resolve('scripts/validate-workflows.mjs')], { encoding: 'utf8' })
    expect(ok.status).toBe(0)
    expect(ok.stdout).toContain('2 of 2 workflow files valid')

    const broken = join(tmp, 'broken.yml')
    writeFileSync(
      broken,
      'name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: a: b\n        run: echo\n',
    )
    const bad = spawnSync(process.execPath, [resolve('scripts/validate-workflows.mjs'), broken], { encoding: 'utf8' })
    expect(bad.status).toBe(1)
    expect(bad.stdout).toContain('line 7, column 16: Parse Error')
  })
})
