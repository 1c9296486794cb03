// Child processes for `npm start` and `npm run dev:browser`: the sandbox, the browser host, a build.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
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

/**
 * Starts a child and resolves with the first URL it prints after `marker`; `onLaterUrl` gets the
 * ones it prints afterwards. With `forwardInput`, what is typed here goes to the child.
 */
function startAndWaitForUrl(name, args, marker, { env = {}, forwardInput = false, onLaterUrl = () => {} } = {}) {
  return new Promise((resolve, reject) => {
    const stdin = forwardInput && process.stdin.isTTY ? 'pipe' : 'ignore'
    const child = spawn(npx, ['tsx', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: [stdin, 'pipe', 'inherit'],
    })
    children.add(child)
    if (stdin === 'pipe') process.stdin.pipe(child.stdin)
    const pattern = new RegExp(`${marker}\\s+(http://127\\.0\\.0\\.1:\\d+\\S*)`, 'g')
    let ready = false
    let pendingText = ''
    child.stdout.on('data', (chunk) => {
      const text = chunk.toString()
      process.stdout.write(text)
      pendingText += text
      const lineEnd = pendingText.lastIndexOf('\n')
      if (lineEnd < 0) return
      const lines = pendingText.slice(0, lineEnd)
      pendingText = pendingText.slice(lineEnd + 1)
      for (const match of lines.matchAll(pattern)) {
        if (ready) onLaterUrl(match[1])
        else resolve(match[1])
        ready = true
      }
    })
    child.once('exit', (code) => {
      children.delete(child)
      if (stdin === 'pipe') process.stdin.unpipe(child.stdin)
      if (!ready) reject(new Error(`${name} exited with code ${code} before it was ready`))
    })
  })
}

/** The local sandbox, on port 4010 when it is free (so profiles keep their URL), else any free port. */
export async function startSandbox() {
  const port = (await portIsFree(4010)) ? '4010' : '0'
  return startAndWaitForUrl('the sandbox', ['sandbox/cli.ts', '--port', port], 'listening on')
}

/** The browser host; its first link is returned, `onNewLink` gets each new one (Enter asks for one). */
export function startBrowserHost(sandboxUrl, onNewLink) {
  return startAndWaitForUrl('the browser host', ['browser-host/cli.ts', '--sandbox', sandboxUrl], 'open', {
    forwardInput: true,
    onLaterUrl: onNewLink,
  })
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

/**
 * A page that sends the browser on to `url`, in a folder only this user can read. The opener's
 * command line (which every local user can list) then names this file, never the link's code.
 */
export function writeRedirectPage(url) {
  if (!/^http:\/\/127\.0\.0\.1:\d+\/[\w-]+\/\?code=[\w-]+$/.test(url)) throw new Error('not a browser host link')
  const dir = mkdtempSync(join(tmpdir(), 'keywarden-open-'))
  const file = join(dir, 'open-keywarden.html')
  const html = `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${url}"><title>Opening Keywarden</title><p>Opening Keywarden…</p>`
  writeFileSync(file, html, { mode: 0o600 })
  const remove = () => rmSync(dir, { recursive: true, force: true })
  // The code inside lives about a minute; the page has no use after that.
  setTimeout(remove, 90_000).unref()
  process.once('exit', remove)
  return file
}

/** Opens a browser host link in the system browser, where there is one; says so where there is not. */
export function openInSystemBrowser(url) {
  const graphical = process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY
  if (!graphical) return false
  const page = writeRedirectPage(url)
  const opener =
    process.platform === 'darwin'
      ? ['open', [page]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', page]]
        : ['xdg-open', [page]]
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
