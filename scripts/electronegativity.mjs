#!/usr/bin/env node
// `node scripts/electronegativity.mjs`: runs Electronegativity over the Electron sources and the build,
// compares every finding with security/electronegativity-findings.json, and exits non-zero on a
// finding that is not listed there (or on a file it could not parse). Run `electron-vite build` first.
//
// A finding is matched by its check, its file and the text of the line it points at (whitespace
// collapsed), so an accepted finding stays accepted when lines above it move, and comes back as new
// when the flagged line itself changes.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, sep } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const findingsFile = join(root, 'security/electronegativity-findings.json')
const staging = join(root, '.tmp/electronegativity')

/** What is scanned: the main-process and preload sources (and the shared code they bundle), the renderer, and what the build emits. */
const inputs = [
  { path: 'electron', required: true },
  { path: 'shared', required: true },
  { path: 'renderer', required: true },
  { path: 'out/main', required: true, hint: 'run `npx electron-vite build` first' },
  { path: 'out/preload', required: true, hint: 'run `npx electron-vite build` first' },
  { path: 'out/renderer/index.html', required: true, hint: 'run `npx electron-vite build` first' },
]

// The version we ship (package.json pins it); Electronegativity cannot look it up offline.
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version
// This check downloads Electron's release list to say whether a newer release has security fixes: it
// needs the network and its answer changes with every Electron release, so it would make `npm test`
// depend on the day it runs. Electron upgrades are reviewed when the lockfile changes instead.
const excludedChecks = ['AvailableSecurityFixesGlobalCheck']

// Electronegativity parses .js/.jsx/.ts/.tsx/.html by extension and silently skips anything else,
// such as the preload's index.cjs: scanned files are staged under names it reads.
const scannedExtensions = new Map([
  ['.js', '.js'],
  ['.cjs', '.js'],
  ['.mjs', '.js'],
  ['.jsx', '.jsx'],
  ['.ts', '.ts'],
  ['.tsx', '.tsx'],
  ['.html', '.html'],
])

function fail(message) {
  console.error(`electronegativity: ${message}`)
  process.exit(1)
}

function filesUnder(path) {
  if (statSync(path).isFile()) return [path]
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => filesUnder(join(path, entry.name)))
}

/** Copies every scannable file into the staging folder; returns staged path (relative) -> original path (relative). */
function stage() {
  rmSync(staging, { recursive: true, force: true })
  const originals = new Map()
  for (const input of inputs) {
    const absolute = join(root, input.path)
    if (!existsSync(absolute)) {
      if (input.required) fail(`${input.path} does not exist${input.hint ? `: ${input.hint}` : ''}.`)
      continue
    }
    for (const file of filesUnder(absolute)) {
      const original = relative(root, file).split(sep).join('/')
      const extension = original.slice(original.lastIndexOf('.'))
      const stagedExtension = scannedExtensions.get(extension)
      if (!stagedExtension || original.endsWith('.d.ts')) continue
      const staged = original.slice(0, original.length - extension.length) + stagedExtension
      if (originals.has(staged)) fail(`two files would be scanned as ${staged}`)
      originals.set(staged, original)
      mkdirSync(dirname(join(staging, staged)), { recursive: true })
      copyFileSync(file, join(staging, staged))
    }
  }
  return originals
}

const collapse = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
const keyOf = (finding) => `${finding.check}\u0000${finding.file}\u0000${collapse(finding.sample)}`

function readAccepted() {
  let data
  try {
    data = JSON.parse(readFileSync(findingsFile, 'utf8'))
  } catch (error) {
    fail(`cannot read ${relative(root, findingsFile)}: ${error.message}`)
  }
  if (!Array.isArray(data?.accepted)) fail(`${relative(root, findingsFile)} must hold { "accepted": [...] }.`)
  for (const [index, entry] of data.accepted.entries()) {
    for (const field of ['check', 'file', 'sample', 'reason']) {
      if (typeof entry?.[field] !== 'string')
        fail(`accepted[${index}] in ${relative(root, findingsFile)} needs a string "${field}".`)
    }
    if (entry.reason.trim().length < 20)
      fail(`accepted[${index}] (${entry.check} in ${entry.file}) needs a real reason.`)
  }
  return data.accepted
}

async function scan(originals) {
  const require = createRequire(import.meta.url)
  const run = require('@doyensec/electronegativity')
  // The runner prints nothing when not run for the CLI; it returns the findings and the parse errors.
  const result = await run({
    input: staging,
    isRelative: true,
    electronVersionOverride: electronVersion,
    excludeFromScan: excludedChecks,
  })
  const findings = result.issues.map((issue) => ({
    check: issue.id,
    file: issue.file === 'N/A' ? 'N/A' : (originals.get(issue.file.split(sep).join('/')) ?? issue.file),
    line: issue.location?.line ?? 0,
    sample: collapse(issue.sample),
    description: issue.description,
    manualReview: Boolean(issue.manualReview),
  }))
  const errors = result.errors.map((error) => ({
    ...error,
    file: originals.get(relative(staging, error.file).split(sep).join('/')) ?? error.file,
  }))
  return { findings, errors }
}

const accepted = readAccepted()
const originals = stage()
const { findings, errors } = await scan(originals)
rmSync(staging, { recursive: true, force: true })

const acceptedKeys = new Set(accepted.map(keyOf))
const fresh = findings.filter((finding) => !acceptedKeys.has(keyOf(finding)))
const foundKeys = new Set(findings.map(keyOf))
const stale = accepted.filter((entry) => !foundKeys.has(keyOf(entry)))
const unparsed = errors.filter((error) => !error.tolerable)

console.log(
  `electronegativity ${electronVersion}: scanned ${originals.size} files (${inputs.map((input) => input.path).join(', ')})`,
)
console.log(
  `${findings.length} findings: ${findings.length - fresh.length} accepted in ${relative(root, findingsFile)}, ${fresh.length} new`,
)
for (const entry of stale) {
  console.log(
    `note: accepted but no longer found (remove it from the list): ${entry.check} ${entry.file} "${entry.sample}"`,
  )
}
for (const error of unparsed) console.error(`could not parse ${error.file}: ${error.message}`)
if (fresh.length > 0) {
  console.error('\nNew findings (fix them, or list them with the reason they are a false positive or accepted):')
  for (const finding of fresh) {
    console.error(`  ${finding.check}  ${finding.file}:${finding.line}  ${finding.sample}\n    ${finding.description}`)
  }
  const stubs = fresh.map(({ check, file, sample }) => ({
    check,
    file,
    sample,
    reason: 'TODO: why this is a false positive or accepted',
  }))
  console.error(
    `\nEntries for ${relative(root, findingsFile)}, once each has its reason:\n${JSON.stringify(stubs, null, 2)}`,
  )
}
process.exit(fresh.length > 0 || unparsed.length > 0 ? 1 : 0)
