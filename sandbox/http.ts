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

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
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

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:* http://localhost:*; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
  })
  res.end(html)
}

/**
 * Reads the whole request body, refusing more than `limitBytes`. An oversized body is still
 * drained (and discarded) so the client sees the 413 instead of a reset connection.
 */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0)
  const chunks: Buffer[] = []
  let size = 0
  let tooLarge = declared > limitBytes
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limitBytes) tooLarge = true
    if (!tooLarge) chunks.push(chunk)
  }
  if (tooLarge) {
    throw new HttpError(413, 'payload_too_large', `Request body must not exceed ${limitBytes} bytes.`, { limitBytes })
  }
  return Buffer.concat(chunks)
}

export function isJsonContentType(req: IncomingMessage): boolean {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase()
  return type === 'application/json'
}
