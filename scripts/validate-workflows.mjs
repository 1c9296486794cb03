#!/usr/bin/env node
// Validates every GitHub Actions workflow in .github/workflows (or the files/folders given) with
// action-validator (@action-validator/core: the workflow JSON schema plus its own checks), so a
// broken workflow fails here before it reaches GitHub. Exits 1 on any error, 2 when there is nothing to check.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { validateWorkflow } from '@action-validator/core'

const root = fileURLToPath(new URL('..', import.meta.url))
const targets = process.argv.slice(2)
const inputs = targets.length > 0 ? targets : [join(root, '.github/workflows')]

const files = inputs.flatMap((input) =>
  statSync(input).isDirectory()
    ? readdirSync(input)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => join(input, name))
    : [input],
)
if (files.length === 0) {
  console.error(`validate-workflows: no workflow files in ${inputs.join(', ')}`)
  process.exit(2)
}

let failed = 0
for (const file of files) {
  const name = relative(process.cwd(), file) || file
  const { errors } = validateWorkflow(readFileSync(file, 'utf8'))
  if (errors.length === 0) {
    console.log(`ok    ${name}`)
    continue
  }
  failed += 1
  console.log(`FAIL  ${name}`)
  for (const error of errors) {
    const where =
      'location' in error && error.location
        ? `line ${error.location.line}, column ${error.location.column}`
        : 'path' in error && error.path
          ? error.path
          : 'file'
    console.log(`      ${where}: ${error.title}${error.detail ? ` (${error.detail})` : ''}`)
  }
}
console.log(`${files.length - failed} of ${files.length} workflow files valid`)
process.exit(failed > 0 ? 1 : 0)
