/**
 * The browser host as a real child process (`node --import tsx browser-host/cli.ts`) on a given data
 * folder and keychain service, so a test can SIGKILL it mid-operation and start it again on the same
 * folder, as a crash and a restart of the app would.
 *
 *   const host = await startHostProcess({ sandboxUrl: sandbox.url, dataDir, keychainService })
 *   const client = await HostClient.connect(host.newLink())
 *   await host.kill()                                   // SIGKILL, resolves once it is gone
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { BRIDGE_FILE } from '@host/bridge-protocol'

export interface HostProcessOptions {
  /** What the host's sandbox profiles point at (the issuer too). */
  sandboxUrl: string
  dataDir: string
  keychainService: string
  /** The built renderer for Playwright; by default a minimal stand-in (tests that only talk over the socket). */
  rendererDir?: string
}

export interface HostProcess {
  pid: number
  /** The host's origin, e.g. http://127.0.0.1:40123. */
  origin: string
  /** A fresh single-use link (the first one is the one the host printed). */
  newLink(): Promise<string>
  /** Everything the host printed (its log lines are redacted by the app). */
  output: string[]
  /** SIGKILL: no cleanup, no flush; resolves once the process is gone. */
  kill(): Promise<void>
  /** SIGTERM: the host's own orderly stop. */
  stop(): Promise<void>
}

const LINK_LINE = /Keywarden browser host: open (http:\/\/\S+)/
const START_TIMEOUT_MS = 30_000

/** A renderer folder with only what the host insists on (index.html and the bridge file). */
export function standInRenderer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keywarden-renderer-'))
  mkdirSync(join(dir, 'host'), { recursive: true })
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><title>Keywarden</title></head><body></body></html>',
  )
  writeFileSync(join(dir, BRIDGE_FILE), '// the page bridge')
  return dir
}

export async function startHostProcess(options: HostProcessOptions): Promise<HostProcess> {
  const args = [
    '--import',
    'tsx',
    'browser-host/cli.ts',
    '--sandbox',
    options.sandboxUrl,
    '--data',
    options.dataDir,
    '--renderer',
    options.rendererDir ?? standInRenderer(),
  ]
  const child = spawn(process.execPath, args, {
    cwd: resolve('.'),
    env: { ...process.env, KEYWARDEN_KEYCHAIN_SERVICE: options.keychainService },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const output: string[] = []
  const waiting: Array<(link: string) => void> = []
  let buffered = ''
  const onText = (chunk: Buffer) => {
    buffered += chunk.toString('utf8')
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines) {
      output.push(line)
      const link = LINK_LINE.exec(line)?.[1]
      if (link) waiting.shift()?.(link)
    }
  }
  child.stdout.on('data', onText)
  child.stderr.on('data', onText)
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()))

  const nextLink = () =>
    new Promise<string>((resolveLink, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the host printed no link within 30 s:\n${output.slice(-20).join('\n')}`)),
        START_TIMEOUT_MS,
      )
      void exited.then(() => reject(new Error(`the host exited:\n${output.slice(-20).join('\n')}`)))
      waiting.push((link) => {
        clearTimeout(timer)
        resolveLink(link)
      })
    })
  const first = await nextLink()
  let unused: string | undefined = first

  return {
    pid: child.pid!,
    origin: new URL(first).origin,
    output,
    async newLink() {
      if (unused) {
        const link = unused
        unused = undefined
        return link
      }
      const link = nextLink()
      child.stdin.write('\n')
      return link
    },
    kill: () => signal(child, 'SIGKILL', exited),
    stop: () => signal(child, 'SIGTERM', exited),
  }
}

async function signal(child: ChildProcess, name: NodeJS.Signals, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(name)
  await exited
}
