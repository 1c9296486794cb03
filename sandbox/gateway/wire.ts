import type { StoredApiKey } from './api-key-store'

// Gateway wire format (seed 000). Links are relative to the gateway base, as in the seed.

const timestamp = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z')
const selfLink = (id: string) => ({ href: `/v1/apikeys/${id}`, method: 'GET' as const })

export interface ApiKeyResource {
  id: string
  name: string
  maskedApiKey: string
  status: 'Active' | 'Disabled'
  scopes: string
  createdAt: string
  /** Extension of the seed: null when the key never expires. */
  expiresAt: string | null
  /** Extension of the seed: null when the key was never used. */
  lastUsedAt: string | null
  _links: { self: { href: string; method: 'GET' } }
}

/** A key in listings: never its value. */
export function toResource(key: StoredApiKey): ApiKeyResource {
  return {
    id: key.id,
    name: key.name,
    maskedApiKey: key.maskedApiKey,
    status: key.status,
    scopes: key.scopes.join(' '),
    createdAt: timestamp(key.createdAt),
    expiresAt: key.expiresAt ? timestamp(key.expiresAt) : null,
    lastUsedAt: key.lastUsedAt ? timestamp(key.lastUsedAt) : null,
    _links: { self: selfLink(key.id) },
  }
}

/** The 201 body of `POST /v1/apikeys`: exactly the seed's fields, the only time `key` is sent. */
export function toCreatedResponse(key: StoredApiKey, value: string) {
  return {
    id: key.id,
    key: value,
    name: key.name,
    maskedApiKey: key.maskedApiKey,
    status: key.status,
    scopes: key.scopes.join(' '),
    createdAt: timestamp(key.createdAt),
    _links: { self: selfLink(key.id) },
  }
}

export function pageLinkHref(page: number, size: number): string {
  return `/v1/apikeys?page=${page}&size=${size}`
}
