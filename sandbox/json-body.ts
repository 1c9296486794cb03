import type { IncomingMessage } from 'node:http'
import type { z } from 'zod'
import { HttpError, isJsonContentType, readBody } from './http'

/** Management bodies are small; anything bigger is a mistake or abuse and gets a 413. */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024

export const invalidField = (field: string, message: string, details: Record<string, unknown> = {}): HttpError =>
  new HttpError(400, 'invalid_request', message, { field, ...details })

/** Reads a JSON object body: 400 for another content type, bad JSON or a non-object; 413 when too big. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!isJsonContentType(req)) throw new HttpError(400, 'invalid_request', 'Content-Type must be application/json.')
  const body = await readBody(req, JSON_BODY_LIMIT_BYTES)
  let json: unknown
  try {
    json = JSON.parse(body.toString('utf8'))
  } catch {
    throw new HttpError(400, 'invalid_request', 'Request body must be valid JSON.')
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new HttpError(400, 'invalid_request', 'Request body must be a JSON object.')
  }
  return json as Record<string, unknown>
}

/** Parses with a zod schema; the first issue becomes a 400 whose details.field names the bad field. */
export function parseWith<T extends z.ZodType>(schema: T, json: unknown): z.output<T> {
  const parsed = schema.safeParse(json)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  // An unknown key is reported on its object; name the key itself, which is what the caller got wrong.
  const path = issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : (issue?.path ?? [])
  const field = path.map(String).join('.')
  throw invalidField(field || 'body', issue?.message ?? 'Invalid request body.')
}
