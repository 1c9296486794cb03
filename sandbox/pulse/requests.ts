import { z } from 'zod'
import { invalidField, parseWith } from '../json-body'
import { isoDateTime } from '../timestamps'
import { normalizePermissions, PULSE_PERMISSIONS } from './permissions'

export const DEFAULT_PAGE_LIMIT = 100
export const MAX_PAGE_LIMIT = 200

const unknownFields = (issue: { code?: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' ? `Unknown field: ${(issue.keys ?? []).join(', ')}.` : undefined

const Name = z
  .string({ error: 'name is required and must be a string.' })
  .trim()
  .min(1, { error: 'name must not be empty.' })
  .max(100, { error: 'name must be at most 100 characters.' })

const Permissions = z
  .array(
    z.enum(PULSE_PERMISSIONS as [string, ...string[]], {
      error: `Each permission must be one of: ${PULSE_PERMISSIONS.join(', ')}.`,
    }),
    {
      error: 'permissions must be an array of permission names.',
    },
  )
  .min(1, { error: 'permissions must name at least one permission.' })
  .transform(normalizePermissions)

/** null = never expires. */
const ExpiresAt = isoDateTime('expiresAt').nullable()

const CreatePulseKeyBody = z.strictObject(
  { name: Name, permissions: Permissions, expiresAt: ExpiresAt.optional() },
  { error: unknownFields },
)

const UpdatePulseKeyBody = z.strictObject(
  {
    name: Name.optional(),
    permissions: Permissions.optional(),
    expiresAt: ExpiresAt.optional(),
    enabled: z.boolean({ error: 'enabled must be true or false.' }).optional(),
  },
  { error: unknownFields },
)

const KeyLogin = z.strictObject(
  {
    apiKey: z.string({ error: 'apiKey must be a string.' }),
    apiSecret: z.string({ error: 'apiSecret is required with apiKey.' }),
  },
  { error: unknownFields },
)
const UserLogin = z.strictObject(
  {
    username: z.string({ error: 'username must be a string.' }),
    password: z.string({ error: 'password is required with username.' }),
  },
  { error: unknownFields },
)

export interface CreatePulseKeyRequest {
  name: string
  permissions: string[]
  expiresAt: Date | null
}

export type UpdatePulseKeyRequest = Partial<CreatePulseKeyRequest> & { enabled?: boolean }

export type LoginRequest =
  { kind: 'key'; apiKey: string; apiSecret: string } | { kind: 'user'; username: string; password: string }

const assertFuture = (expiresAt: Date | null | undefined, now: Date): void => {
  if (expiresAt && expiresAt.getTime() <= now.getTime())
    throw invalidField('expiresAt', 'expiresAt must be in the future.')
}

export function parseCreatePulseKey(json: Record<string, unknown>, now: Date): CreatePulseKeyRequest {
  const body = parseWith(CreatePulseKeyBody, json)
  assertFuture(body.expiresAt, now)
  return { name: body.name, permissions: body.permissions, expiresAt: body.expiresAt ?? null }
}

export function parseUpdatePulseKey(json: Record<string, unknown>, now: Date): UpdatePulseKeyRequest {
  const body = parseWith(UpdatePulseKeyBody, json)
  assertFuture(body.expiresAt, now)
  return body
}

/** Seed 002's two login bodies; which one is meant is decided by its fields. */
export function parseLogin(json: Record<string, unknown>): LoginRequest {
  if ('apiKey' in json || 'apiSecret' in json) {
    if (!('apiKey' in json)) throw invalidField('apiKey', 'apiKey is required with apiSecret.')
    return { kind: 'key', ...parseWith(KeyLogin, json) }
  }
  if ('username' in json || 'password' in json) {
    if (!('username' in json)) throw invalidField('username', 'username is required with password.')
    return { kind: 'user', ...parseWith(UserLogin, json) }
  }
  throw invalidField('apiKey', 'Send {apiKey, apiSecret} or {username, password}.')
}

function wholeNumber(params: URLSearchParams, field: string, fallback: number, min: number, max: number): number {
  const raw = params.get(field)
  if (raw === null) return fallback
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN
  if (!(value >= min && value <= max))
    throw invalidField(field, `${field} must be a whole number from ${min} to ${max}.`)
  return value
}

export function parseListQuery(params: URLSearchParams): { limit: number; offset: number } {
  return {
    limit: wholeNumber(params, 'limit', DEFAULT_PAGE_LIMIT, 1, MAX_PAGE_LIMIT),
    offset: wholeNumber(params, 'offset', 0, 0, 999_999_999),
  }
}
