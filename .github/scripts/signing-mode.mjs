#!/usr/bin/env node
// Decides how the release is signed, from which signing secrets are present (empty = absent):
//   all of them  -> "signed"   (macOS signed + notarized, Windows signed)
//   none of them -> "unsigned" (and says so loudly in the log)
//   some         -> exit 1: a half-signed set of installers is never built or published.
// Writes `mode=<signed|unsigned>` to $GITHUB_OUTPUT when it is set; always prints the decision.
import { appendFileSync } from 'node:fs'

const groups = {
  'macOS signing and notarization': [
    'CSC_LINK',
    'CSC_KEY_PASSWORD',
    'APPLE_ID',
    'APPLE_APP_SPECIFIC_PASSWORD',
    'APPLE_TEAM_ID',
  ],
  'Windows signing': ['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD'],
}
const all = Object.values(groups).flat()
const present = all.filter((name) => (process.env[name] ?? '').trim() !== '')

let mode
if (present.length === all.length) {
  mode = 'signed'
  console.log('Signing secrets present: building SIGNED installers (macOS notarized, Windows signed).')
} else if (present.length === 0) {
  mode = 'unsigned'
  const message =
    'No signing secrets are set: building UNSIGNED installers. macOS Gatekeeper and Windows SmartScreen will warn users, and Windows updates are checked by sha512 only.'
  console.log(`::warning title=Building UNSIGNED::${message}`)
  console.log(`building UNSIGNED: ${message}`)
} else {
  const missing = Object.entries(groups)
    .map(([group, names]) => [group, names.filter((name) => !present.includes(name))])
    .filter(([, names]) => names.length > 0)
    .map(([group, names]) => `${group}: ${names.join(', ')}`)
  console.log(
    `::error title=Signing secrets incomplete::Some signing secrets are set and some are missing (${missing.join('; ')}). Set all of them, or none to build unsigned; a half-signed release is never published.`,
  )
  process.exit(1)
}
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `mode=${mode}\n`)
