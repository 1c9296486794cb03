import { z } from 'zod'

// Pulse's wire format (docs/remote-apis.md "pulse").

const timestamp = z.iso.datetime({ offset: true })

export const pulseKeySchema = z.object({
  id: z.string().min(1),
  /** The public half of the credential (`apiKey-…`), sent as `x-api-key` or to `/auth/login`. */
  apiKey: z.string().min(1),
  name: z.string(),
  accountId: z.string().min(1),
  permissions: z.array(z.string()),
  enabled: z.boolean(),
  expiresAt: timestamp.nullable(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
})

export type PulseKey = z.infer<typeof pulseKeySchema>

export const pulseKeyPageSchema = z.object({
  apiKeys: z.array(pulseKeySchema),
  total: z.number().int().nonnegative(),
})

/** The 201 of a create: the only answer that carries the secret. */
export const pulseCreatedKeySchema = pulseKeySchema.extend({ apiSecret: z.string().min(1) })

/**
 * `GET /accounts`. `permissions` (what the caller holds there) is optional here so the account
 * switcher still works against a server without it; only grant limits need it, and they say so.
 */
export const pulseAccountsSchema = z.object({
  accounts: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      primary: z.boolean(),
      permissions: z.array(z.string()).optional(),
    }),
  ),
})

export interface PulseCreateBody {
  name: string
  permissions: string[]
  expiresAt: string | null
}

export interface PulseUpdateBody {
  name?: string
  permissions?: string[]
  expiresAt?: string | null
  enabled?: boolean
}
