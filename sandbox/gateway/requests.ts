import { z } from 'zod'
import { HttpError } from '../http'
import { GRANTABLE_SCOPES } from './scopes'

export const MAX_PAGE_SIZE = 200
export const DEFAULT_PAGE_SIZE = 50

const invalid = (field: string, message: string, details: Record<string, unknown> = {}): HttpError =>
  new HttpError(400, 'invalid_request', message, { field, ...details })

function nonNegativeInteger(params: URLSearchParams, field: string, fallback: number): number {
  const raw = params.get(field)
  if (raw === null) return fallback
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN
  if (Number.isNaN(value)) throw invalid(field, `${field} must be a non-negative integer.`)
  return value
}

export function parsePageQuery(params: URLSearchParams): { page: number; size: number } {
  const page = nonNegativeInteger(params, 'page', 0)
  const size = nonNegativeInteger(params, 'size', DEFAULT_PAGE_SIZE)
  if (size < 1 || size > MAX_PAGE_SIZE) throw invalid('size', `size must be between 1 and ${MAX_PAGE_SIZE}.`)
  return { page, size }
}

const CreateApiKeyBody = z.object({
  name: z
    .string({ error: 'name is required and must be a string.' })
    .trim()
    .min(1, { error: 'name must not be empty.' })
    .max(100, { error: 'name must be at most 100 characters.' }),
  scopes: z.string({ error: 'scopes is required and must be a space-separated string.' }),
})

export interface CreateApiKeyRequest {
  name: string
  scopes: string[]
}

export function parseCreateApiKey(json: unknown): CreateApiKeyRequest {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new HttpError(400, 'invalid_request', 'Request body must be a JSON object.')
  }
  const parsed = CreateApiKeyBody.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = String(issue?.path[0] ?? 'body')
    throw invalid(field, issue?.message ?? 'Invalid request body.')
  }
  const scopes = [...new Set(parsed.data.scopes.trim().split(/\s+/).filter(Boolean))]
  if (scopes.length === 0) throw invalid('scopes', 'scopes must list at least one scope.')
  const unknown = scopes.filter((scope) => !GRANTABLE_SCOPES.has(scope))
  if (unknown.length > 0) {
    throw invalid('scopes', `scopes contains unknown scopes: ${unknown.join(' ')}.`, { unknownScopes: unknown })
  }
  return { name: parsed.data.name, scopes }
}
