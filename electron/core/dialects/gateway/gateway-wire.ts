import { z } from 'zod'

/** The gateway's key resource, as seed 000 documents it (plus expiresAt/lastUsedAt, which it may omit). */
export const gatewayKeySchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  maskedApiKey: z.string(),
  status: z.enum(['Active', 'Disabled']),
  scopes: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable().optional(),
})

export type GatewayKey = z.infer<typeof gatewayKeySchema>

export const gatewayKeyPageSchema = z.object({
  _embedded: z.object({ apikeys: z.array(gatewayKeySchema) }),
  _links: z.object({ next: z.object({ href: z.string() }).optional() }).optional(),
})
