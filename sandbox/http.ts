import type { IncomingMessage, ServerResponse } from 'node:http'

export type ErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unprocessable'
  | 'gone'
  | 'misdirected_request'
  | 'too_many_requests'
  | 'internal_error'

/** An error that becomes `{"error": {code, message, details}}` with the given status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  })
  res.end(text)
}

export function sendError(res: ServerResponse, error: HttpError): void {
  const { code, message, details } = error
  sendJson(res, error.status, { error: { code, message, details } }, error.headers)
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:* http://localhost:*; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
  })
  res.end(html)
}

export const payloadTooLarge = (limitBytes: number): HttpError =>
  new HttpError(
    413,
    'payload_too_large',
    `Request body must not exceed ${limitBytes} bytes.`,
    { limitBytes },
    { Connection: 'close' },
  )

/**
 * Reads the whole request body, refusing more than `limitBytes` as soon as the limit is passed
 * (declared or counted): the rest is never read, and the server closes the connection after the
 * 413 (see request-guard.ts), so a huge or endless body costs at most `limitBytes`.
 */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limitBytes) throw payloadTooLarge(limitBytes)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limitBytes) throw payloadTooLarge(limitBytes)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

export function isJsonContentType(req: IncomingMessage): boolean {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase()
  return type === 'application/json'
}
