#!/usr/bin/env node
// Launches one packaged Keywarden once, before its installers are uploaded, and checks that its
// window loaded the app from app://keywarden/. Playwright's _electron cannot attach to a packaged
// build (the fuses turn Node's --inspect off), so this asks Chromium's DevTools endpoint for the
// page list instead. Usage: node .github/scripts/smoke-packaged.mjs <path to the executable>
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const executable = process.argv[2]
if (!executable) {
  console.error('usage: smoke-packaged.mjs <packaged executable>')
  process.exit(2)
}
const TIMEOUT_MS = 90_000

const port = await new Promise((resolve, reject) => {
  const server = createServer()
  server.once('error', reject)
  server.listen(0, '127.0.0.1', () => {
    const { port: free } = server.address()
    server.close(() => resolve(free))
  })
})
const userData = mkdtempSync(join(tmpdir(), 'keywarden-smoke-'))
const output = []
const child = spawn(executable, [`--remote-debugging-port=${port}`, `--user-data-dir=${userData}`], {
  stdio: ['ignore', 'pipe', 'pipe'],
})
child.stdout.on('data', (chunk) => output.push(String(chunk)))
child.stderr.on('data', (chunk) => output.push(String(chunk)))
let exited = null
child.on('exit', (code, signal) => (exited = { code, signal }))

function finish(ok, message) {
  console.log(ok ? `smoke: OK: ${message}` : `::error title=Smoke test failed::${message}`)
  if (!ok) console.log(output.join('').slice(-4000))
  if (exited === null) child.kill()
  setTimeout(() => {
    rmSync(userData, { recursive: true, force: true, maxRetries: 5 })
    process.exit(ok ? 0 : 1)
  }, 2000)
}

const started = Date.now()
for (;;) {
  if (exited) {
    finish(false, `${executable} exited early (code ${exited.code}, signal ${exited.signal})`)
    break
  }
  if (Date.now() - started > TIMEOUT_MS) {
    finish(false, `no window loaded app://keywarden/ within ${TIMEOUT_MS / 1000} s`)
    break
  }
  try {
    const pages = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()
    const app = pages.find(
      (p) => p.type === 'page' && typeof p.url === 'string' && p.url.startsWith('app://keywarden/'),
    )
    if (app && app.title === 'Keywarden') {
      finish(true, `${executable} opened its window at ${app.url}`)
      break
    }
  } catch {
    // DevTools is not listening yet.
  }
  await new Promise((resolve) => setTimeout(resolve, 1000))
}
