// Child processes for `npm start` and `npm run dev:browser`: the sandbox, the browser host, a build.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'

export const root = new URL('../..', import.meta.url).pathname
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const children = new Set()

export function build() {
  const result = spawnSync(npx, ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (result.status !== 0) {
    console.error('keywarden: the build failed (run `npx electron-vite build` to see why).')
    process.exit(1)
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

/** Starts a child and resolves with the first URL it prints after `marker`. */
function startAndWaitForUrl(name, args, marker, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(npx, ['tsx', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    children.add(child)
    let seen = ''
    child.stdout.on('data', (chunk) => {
      const text = chunk.toString()
      process.stdout.write(text)
      if (seen === undefined) return
      seen += text
      const match = seen.match(new RegExp(`${marker}\\s+(http://127\\.0\\.0\\.1:\\d+\\S*)`))
      if (match) {
        seen = undefined
        resolve(match[1])
      }
    })
    child.once('exit', (code) => {
      children.delete(child)
      if (seen !== undefined) reject(new Error(`${name} exited with code ${code} before it was ready`))
    })
  })
}

/** The local sandbox, on port 4010 when it is free (so profiles keep their URL), else any free port. */
export async function startSandbox() {
  const port = (await portIsFree(4010)) ? '4010' : '0'
  return startAndWaitForUrl('the sandbox', ['sandbox/cli.ts', '--port', port], 'listening on')
}

export function startBrowserHost(sandboxUrl) {
  return startAndWaitForUrl('the browser host', ['browser-host/cli.ts', '--sandbox', sandboxUrl], 'open')
}

/** The Electron binary, if its runtime was installed (it cannot be downloaded on every machine). */
export function electronBinary() {
  const dir = join(root, 'node_modules/electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : undefined
}

export function spawnTracked(command, args, env) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

/** Opens a URL in the system browser, where there is one; says so where there is not. */
export function openInSystemBrowser(url) {
  const graphical = process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY
  if (!graphical) return false
  const opener = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]]
  const child = spawn(opener[0], opener[1], { stdio: 'ignore', detached: true })
  child.on('error', () => {})
  child.unref()
  return true
}

export function stopAllOnExit() {
  const stop = () => {
    for (const child of children) child.kill('SIGTERM')
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  process.on('exit', () => {
    for (const child of children) child.kill('SIGTERM')
  })
}
