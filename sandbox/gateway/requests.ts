import { z } from 'zod'
import { HttpError } from '../http'
import { invalidField, parseWith } from '../json-body'
import { GRANTABLE_SCOPES } from './scopes'

export const MAX_PAGE_SIZE = 200
export const DEFAULT_PAGE_SIZE = 50

function nonNegativeInteger(params: URLSearchParams, field: string, fallback: number): number {
  const raw = params.get(field)
  if (raw === null) return fallback
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN
  if (Number.isNaN(value)) throw invalidField(field, `${field} must be a non-negative integer.`)
  return value
}

export function parsePageQuery(params: URLSearchParams): { page: number; size: number } {
  const page = nonNegativeInteger(params, 'page', 0)
  const size = nonNegativeInteger(params, 'size', DEFAULT_PAGE_SIZE)
  if (size < 1 || size > MAX_PAGE_SIZE) throw invalidField('size', `size must be between 1 and ${MAX_PAGE_SIZE}.`)
  return { page, size }
}

const KeyName = z
  .string({ error: 'name is required and must be a string.' })
  .trim()
  .min(1, { error: 'name must not be empty.' })
  .max(100, { error: 'name must be at most 100 characters.' })

// The seed documents only name and scopes; other fields are ignored, as the seed's gateway does.
const CreateApiKeyBody = z.object({
  name: KeyName,
  scopes: z.string({ error: 'scopes is required and must be a space-separated string.' }),
})

export interface CreateApiKeyRequest {
  name: string
  scopes: string[]
}

export function parseCreateApiKey(json: Record<string, unknown>): CreateApiKeyRequest {
  const { name, scopes: raw } = parseWith(CreateApiKeyBody, json)
  const scopes = [...new Set(raw.trim().split(/\s+/).filter(Boolean))]
  if (scopes.length === 0) throw invalidField('scopes', 'scopes must list at least one scope.')
  const unknown = scopes.filter((scope) => !GRANTABLE_SCOPES.has(scope))
  if (unknown.length > 0)
    throw invalidField('scopes', `scopes contains unknown scopes: ${unknown.join(' ')}.`, { unknownScopes: unknown })
  return { name, scopes }
}

export type WireStatus = 'Active' | 'Disabled'

const UpdateApiKeyBody = z.strictObject(
  {
    name: KeyName.optional(),
    status: z.enum(['Active', 'Disabled'], { error: 'status must be "Active" or "Disabled".' }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${issue.keys.join(', ')}.` : undefined) },
)

/** Fields a key is created with and keeps for life (seed 000: "permissions are defined when the key is created"). */
const IMMUTABLE_FIELDS = ['scopes', 'key', 'id', 'createdAt', 'maskedApiKey'] as const

export interface UpdateApiKeyRequest {
  name?: string
  status?: WireStatus
}

export function parseUpdateApiKey(json: Record<string, unknown>): UpdateApiKeyRequest {
  const immutable = IMMUTABLE_FIELDS.find((field) => field in json)
  if (immutable)
    throw new HttpError(422, 'unprocessable', `${immutable} cannot be changed after the key is created.`, {
      field: immutable,
    })
  const parsed = parseWith(UpdateApiKeyBody, json)
  return {
    ...(parsed.name !== undefined ? { name: parsed.name } : {}),
    ...(parsed.status !== undefined ? { status: parsed.status } : {}),
  }
}
