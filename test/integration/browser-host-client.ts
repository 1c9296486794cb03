/**
 * A plain local client of the browser host, as another process on this computer would be: raw HTTP
 * with any Host, Origin and Cookie it likes, and raw WebSocket upgrades. Plus a host to attack, on
 * a throw-away data folder and keychain service, whose renderer folder is a minimal stand-in (these
 * tests talk to the host, never to the renderer).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import { startBrowserHost, type BrowserHost, type BrowserHostOptions } from '@host/host-server'
import { BRIDGE_FILE } from '@host/bridge-protocol'
import type { Logger } from '@core/log'
import { redact } from '@core/log'
import { keytarBackend } from '@core/vault/keytar-backend'
import { testKeychain } from '../support/signed-in-session'

export interface TestHost extends BrowserHost {
  log: string[]
  dispose(): Promise<void>
}

export async function startTestHost(options: Partial<BrowserHostOptions> = {}): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'keywarden-host-test-'))
  const rendererDir = join(dir, 'renderer')
  mkdirSync(join(rendererDir, 'host'), { recursive: true })
  mkdirSync(join(rendererDir, 'assets'))
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>Keywarden</title></head><body></body></html>',
  )
  writeFileSync(join(rendererDir, BRIDGE_FILE), '// the page bridge')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")')
  const keychain = testKeychain()
  const log: string[] = []
  const write = (level: string) => (message: string) => void log.push(`${level} ${redact(message)}`)
  const logger: Logger = { info: write('info'), warn: write('warn'), error: write('error') }
  const host = await startBrowserHost({
    rendererDir,
    dataDir: join(dir, 'data'),
    // Nothing here signs in: the sandbox is never contacted.
    sandboxUrl: 'http://127.0.0.1:9',
    keychain: keytarBackend,
    keychainService: keychain.service,
    log: logger,
    ...options,
  })
  return Object.assign(host, {
    log,
    async dispose() {
      await host.close()
      await keychain.clear()
      rmSync(dir, { recursive: true, force: true })
    },
  })
}

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** One HTTP request with exactly the headers given (a browser could not forge Host; a process can). */
export function rawRequest(target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const url = new URL(target)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        headers: { host: url.host, ...headers },
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** `name=value` from a Set-Cookie answer, as a browser would send it back. */
export function cookieFrom(response: RawResponse): string {
  const setCookie = response.headers['set-cookie']?.[0]
  if (!setCookie) throw new Error(`no Set-Cookie in a ${response.status} answer`)
  return setCookie.split(';')[0]!
}

/** Does what the browser does with a printed link: exchanges its code for the session cookie. */
export async function exchangeLink(link: string): Promise<string> {
  const answer = await rawRequest(link)
  if (answer.status !== 200 || !answer.headers['set-cookie']) throw new Error(`the link was refused: ${answer.status}`)
  return cookieFrom(answer)
}

export function socketUrl(host: BrowserHost): string {
  return `ws://127.0.0.1:${new URL(host.origin).port}${host.basePath}__keywarden/socket`
}

/** Opens the host's socket with the given headers; resolves with the socket, or the refusal's status. */
export function openSocket(
  url: string,
  headers: Record<string, string>,
): Promise<{ socket: WebSocket } | { refused: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers })
    socket.once('open', () => resolve({ socket }))
    socket.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 })
      res.resume()
      socket.terminate()
    })
    socket.once('error', reject)
  })
}

/** A legitimate page's socket: the session cookie and the page's own Origin. */
export async function pageSocket(host: BrowserHost, cookie: string): Promise<WebSocket> {
  const opened = await openSocket(socketUrl(host), { cookie, origin: host.origin })
  if (!('socket' in opened)) throw new Error(`the page's own socket was refused: ${opened.refused}`)
  return opened.socket
}

/** Sends a call and waits for its answer (other frames are ignored). */
export function callOver(socket: WebSocket, id: number, call: string, input?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new Error('the socket closed before the answer'))
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown }
      if (message.id !== id) return
      socket.off('message', onMessage)
      socket.off('close', onClose)
      resolve(message.result)
    }
    socket.on('message', onMessage)
    socket.once('close', onClose)
    socket.send(JSON.stringify({ id, call, ...(input === undefined ? {} : { input }) }))
  })
}
