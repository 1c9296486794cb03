import { z } from 'zod'

// The wallet's wire format (ours to design; docs/remote-apis.md "wallet").

const timestamp = z.iso.datetime({ offset: true })

/** Roles are the grid itself: `{resource: "view" | "change"}`. */
export const walletRolesSchema = z.record(z.string(), z.enum(['view', 'change']))

export const walletKeySchema = z.object({
  id: z.string().min(1),
  walletId: z.string().min(1),
  name: z.string(),
  maskedKey: z.string(),
  roles: walletRolesSchema,
  expiresAt: timestamp,
  notes: z.string().nullable(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
})

export type WalletKey = z.infer<typeof walletKeySchema>

export const walletKeyPageSchema = z.object({
  apiKeys: z.array(walletKeySchema),
  nextCursor: z.string().min(1).nullable(),
})

/** The 201 of a create: the only answer that carries the key's value. */
export const walletCreatedKeySchema = z.object({ apiKey: walletKeySchema, value: z.string().min(1) })

/**
 * `GET /v1/wallets`. `access` (the caller's API Access there) is optional here so the wallet list
 * still works against a server without it; only grant limits need it, and they say so.
 */
export const walletListSchema = z.object({
  wallets: z.array(
    z.object({ id: z.string().min(1), name: z.string(), access: z.enum(['read', 'change']).optional() }),
  ),
})

export interface WalletCreateBody {
  name: string
  roles: Record<string, 'view' | 'change'>
  expiresAt?: string
  notes?: string
}

export interface WalletUpdateBody {
  roles?: Record<string, 'view' | 'change'>
  notes?: string | null
}
