import type { ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { RENDERER_CSP } from '@core/security/app-origin'

/** Sent with every response of the host, errors and refused upgrades included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': RENDERER_CSP,
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A short page for a person (the browser shows it), with the security headers. */
export function sendPage(
  res: ServerResponse,
  status: number,
  title: string,
  text: string,
  extra: Record<string, string> = {},
): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`
  res.writeHead(status, { ...SECURITY_HEADERS, ...extra, 'content-type': 'text/html; charset=utf-8' }).end(body)
}

/** Refuses a WebSocket upgrade with a plain HTTP answer and closes the connection. */
export function refuseUpgrade(socket: Duplex, status: 403 | 404 | 400, reason: string): void {
  const statusText = status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Bad Request'
  const headers = Object.entries({
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(reason)),
    connection: 'close',
  })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
  socket.end(`HTTP/1.1 ${status} ${statusText}\r\n${headers}\r\n${reason}`)
}
