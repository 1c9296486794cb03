#!/usr/bin/env node
// The release tag (v1.2.0, v1.3.0-beta.1) must match package.json's version: electron-builder names
// the installers and the update feed (latest*.yml, or beta*.yml for a pre-release) after it.
import { readFileSync } from 'node:fs'

const tag = process.argv[2] ?? process.env.GITHUB_REF_NAME ?? ''
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
if (tag !== `v${version}`) {
  console.log(
    `::error title=Tag and version differ::The tag is "${tag}" but package.json's version is "${version}". Tag v${version}, or bump the version first.`,
  )
  process.exit(1)
}
console.log(`Releasing Keywarden ${version}${version.includes('-') ? ' (pre-release: beta channel)' : ''}.`)
