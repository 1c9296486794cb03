import type { StoredKey } from '../keys/key-store'
import { toWireTime, toWireTimeOrNull } from '../timestamps'
import type { WireStatus } from './requests'

// Gateway wire format (seed 000). Links are relative to the gateway base, as in the seed.

const selfLink = (id: string) => ({ href: `/v1/apikeys/${id}`, method: 'GET' as const })

export const toWireStatus = (status: StoredKey['status']): WireStatus => (status === 'active' ? 'Active' : 'Disabled')
export const fromWireStatus = (status: WireStatus): StoredKey['status'] => (status === 'Active' ? 'active' : 'disabled')

export interface ApiKeyResource {
  id: string
  name: string
  maskedApiKey: string
  status: WireStatus
  scopes: string
  createdAt: string
  /** Extension of the seed: null when the key never expires. */
  expiresAt: string | null
  /** Extension of the seed: null when the key was never used. */
  lastUsedAt: string | null
  _links: { self: { href: string; method: 'GET' } }
}

/** A key in listings: never its value. */
export function toResource(key: StoredKey): ApiKeyResource {
  return {
    id: key.id,
    name: key.name,
    maskedApiKey: key.masked,
    status: toWireStatus(key.status),
    scopes: key.permissions.join(' '),
    createdAt: toWireTime(key.createdAt),
    expiresAt: toWireTimeOrNull(key.expiresAt),
    lastUsedAt: toWireTimeOrNull(key.lastUsedAt),
    _links: { self: selfLink(key.id) },
  }
}

/** The 201 body of `POST /v1/apikeys`: exactly the seed's fields, the only unasked-for time `key` is sent. */
export function toCreatedResponse(key: StoredKey, value: string) {
  return {
    id: key.id,
    key: value,
    name: key.name,
    maskedApiKey: key.masked,
    status: toWireStatus(key.status),
    scopes: key.permissions.join(' '),
    createdAt: toWireTime(key.createdAt),
    _links: { self: selfLink(key.id) },
  }
}

export function pageLinkHref(page: number, size: number): string {
  return `/v1/apikeys?page=${page}&size=${size}`
}
