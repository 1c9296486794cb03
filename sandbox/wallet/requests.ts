import { z } from 'zod'
import { HttpError } from '../http'
import { invalidField, parseWith } from '../json-body'
import { isoDateTime } from '../timestamps'
import { isWalletResource, WALLET_RESOURCES, type WalletRoles } from './roles'

export const DEFAULT_PAGE_LIMIT = 100
export const MAX_PAGE_LIMIT = 200
export const MAX_NOTES_LENGTH = 1000

const Roles = z
  .record(z.string(), z.enum(['view', 'change'], { error: 'Each role must be "view" or "change".' }), {
    error: 'roles must be an object mapping resources to "view" or "change".',
  })
  .superRefine((roles, context) => {
    const resources = Object.keys(roles)
    if (resources.length === 0) context.addIssue({ code: 'custom', message: 'roles must grant at least one resource.' })
    for (const resource of resources.filter((r) => !isWalletResource(r))) {
      context.addIssue({
        code: 'custom',
        path: [resource],
        message: `Unknown resource "${resource}"; resources are ${WALLET_RESOURCES.join(', ')}.`,
      })
    }
  })
  .transform((roles) => roles as WalletRoles)

// Empty notes mean "no notes", so the list shows nothing rather than an empty string.
const Notes = z
  .string({ error: 'notes must be a string or null.' })
  .max(MAX_NOTES_LENGTH, { error: `notes must be at most ${MAX_NOTES_LENGTH} characters.` })
  .nullable()
  .transform((notes) => (notes === null || notes.trim() === '' ? null : notes))

const CreateWalletKeyBody = z.strictObject(
  {
    name: z
      .string({ error: 'name is required and must be a string.' })
      .trim()
      .min(1, { error: 'name must not be empty.' })
      .max(100, { error: 'name must be at most 100 characters.' }),
    roles: Roles,
    expiresAt: isoDateTime('expiresAt').optional(),
    notes: Notes.optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${issue.keys.join(', ')}.` : undefined) },
)

const UpdateWalletKeyBody = z.strictObject(
  { roles: Roles.optional(), notes: Notes.optional() },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${issue.keys.join(', ')}.` : undefined) },
)

export interface CreateWalletKeyRequest {
  name: string
  roles: WalletRoles
  /** Absent: the default (one year from today) applies. */
  expiresAt: Date | undefined
  notes: string | null
}

export function parseCreateWalletKey(json: Record<string, unknown>, now: Date): CreateWalletKeyRequest {
  const body = parseWith(CreateWalletKeyBody, json)
  if (body.expiresAt && body.expiresAt.getTime() <= now.getTime())
    throw invalidField('expiresAt', 'expiresAt must be in the future.')
  return { name: body.name, roles: body.roles, expiresAt: body.expiresAt, notes: body.notes ?? null }
}

export interface UpdateWalletKeyRequest {
  roles?: WalletRoles
  notes?: string | null
}

/** Seed 001: "The name and expiry date cannot be changed" — asking to is a 422, not a silent ignore. */
const IMMUTABLE_FIELDS = ['name', 'expiresAt'] as const

export function parseUpdateWalletKey(json: Record<string, unknown>): UpdateWalletKeyRequest {
  const immutable = IMMUTABLE_FIELDS.find((field) => field in json)
  if (immutable) {
    throw new HttpError(422, 'unprocessable', `${immutable} cannot be changed after the key is created.`, {
      field: immutable,
    })
  }
  return parseWith(UpdateWalletKeyBody, json)
}

/** `limit` 1..200 (default 100) and an opaque `cursor` from the previous page's `nextCursor`. */
export function parseListQuery(params: URLSearchParams): { limit: number; offset: number } {
  const rawLimit = params.get('limit')
  const limit = rawLimit === null ? DEFAULT_PAGE_LIMIT : /^\d{1,4}$/.test(rawLimit) ? Number(rawLimit) : Number.NaN
  if (!(limit >= 1 && limit <= MAX_PAGE_LIMIT))
    throw invalidField('limit', `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}.`)
  const cursor = params.get('cursor')
  return { limit, offset: cursor === null ? 0 : decodeCursor(cursor) }
}

// The cursor is opaque to clients so the sandbox could switch to keyset paging without a wire change.
export const encodeCursor = (offset: number): string =>
  Buffer.from(JSON.stringify({ o: offset }), 'utf8').toString('base64url')

function decodeCursor(cursor: string): number {
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown }
    if (typeof o === 'number' && Number.isSafeInteger(o) && o >= 0) return o
  } catch {
    // fall through to the 400
  }
  throw invalidField('cursor', 'cursor is not one this server issued.')
}
