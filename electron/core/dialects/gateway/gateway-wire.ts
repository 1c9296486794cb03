import { z } from 'zod'

// The gateway's wire format (docs/remote-apis.md "gateway").

const timestamp = z.iso.datetime({ offset: true })

/** The key resource, as docs/remote-apis.md "gateway" documents it (plus expiresAt/lastUsedAt, which it may omit). */
export const gatewayKeySchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  maskedApiKey: z.string(),
  status: z.enum(['Active', 'Disabled']),
  scopes: z.string(),
  createdAt: timestamp,
  expiresAt: timestamp.nullable().optional(),
  lastUsedAt: timestamp.nullable().optional(),
})

export type GatewayKey = z.infer<typeof gatewayKeySchema>

export const gatewayKeyPageSchema = z.object({
  _embedded: z.object({ apikeys: z.array(gatewayKeySchema) }),
  _links: z.object({ next: z.object({ href: z.string() }).optional() }).optional(),
  /** Spring HATEOAS page metadata; a gateway that omits it is followed by its `next` links. */
  page: z
    .object({ totalElements: z.number().int().nonnegative(), totalPages: z.number().int().nonnegative() })
    .optional(),
})

export type GatewayKeyPage = z.infer<typeof gatewayKeyPageSchema>

/** The 201 of `POST /v1/apikeys`: exactly the documented fields, the only answer that carries `key`. */
export const gatewayCreatedKeySchema = gatewayKeySchema.extend({ key: z.string().min(1) })

/** `PATCH /v1/apikeys/{id}/decrypt`. */
export const gatewayRevealedKeySchema = z.object({ id: z.string(), key: z.string().min(1) })

/** `GET /v1/me`: the scopes the caller holds, which are the scopes it may grant. */
export const gatewayMeSchema = z.object({
  username: z.string(),
  scopes: z.string(),
  permissions: z.array(z.string()),
})

export interface GatewayCreateBody {
  name: string
  scopes: string
}

export interface GatewayUpdateBody {
  name?: string
  status?: 'Active' | 'Disabled'
}
