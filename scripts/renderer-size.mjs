#!/usr/bin/env node
// The renderer's JavaScript budget (issue 12: charts and all, at most 250 kB gzip in total): sums the gzip size
// of every JavaScript file the renderer build wrote for the app (`out/renderer/assets`), prints a table, and
// exits non-zero over budget. The browser host's page bridge (`out/renderer/host`) is not shipped in the app.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const BUDGET_BYTES = 250 * 1000
const assets = join(new URL('..', import.meta.url).pathname, 'out/renderer/assets')
if (!existsSync(assets)) {
  console.error(`renderer-size: ${assets} is missing: build first (npx electron-vite build).`)
  process.exit(2)
}
const files = readdirSync(assets).filter((name) => name.endsWith('.js'))
if (files.length === 0) {
  console.error(`renderer-size: no JavaScript in ${assets}: the build wrote nothing to measure.`)
  process.exit(2)
}
let total = 0
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`
console.log('| file | raw | gzip |\n|---|---|---|')
for (const name of files.sort()) {
  const raw = readFileSync(join(assets, name))
  const gzip = gzipSync(raw, { level: 9 }).length
  total += gzip
  console.log(`| ${name} | ${kB(raw.length)} | ${kB(gzip)} |`)
}
console.log(`renderer JavaScript: ${kB(total)} gzip of a ${kB(BUDGET_BYTES)} budget`)
if (total > BUDGET_BYTES) {
  console.error(`renderer-size: ${kB(total - BUDGET_BYTES)} over the budget`)
  process.exit(1)
}
