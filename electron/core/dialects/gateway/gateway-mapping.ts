import { effectiveStatus, type ApiKey } from '@shared/domain/api-key'
import { gatewayScopesToGrid, gridToGatewayScopes, splitScopes } from './gateway-scopes'
import type { KeyChanges, KeyDraft } from '../dialect-adapter'
import type { GatewayCreateBody, GatewayKey, GatewayUpdateBody } from './gateway-wire'

export function gatewayKeyToModel(key: GatewayKey, now: Date): ApiKey {
  const expiresAt = key.expiresAt ?? null
  const scopes = splitScopes(key.scopes)
  return {
    id: key.id,
    name: key.name,
    maskedKey: key.maskedApiKey,
    status: effectiveStatus(key.status === 'Active' ? 'active' : 'disabled', expiresAt, now),
    permissions: gatewayScopesToGrid(scopes),
    nativePermissions: scopes,
    expiresAt,
    notes: null,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt ?? null,
    accountId: null,
  }
}

/** The gateway has no expiry or notes on create; those draft fields are not sent. */
export function gatewayCreateBody(draft: KeyDraft): GatewayCreateBody {
  return { name: draft.name, scopes: gridToGatewayScopes(draft.permissions).join(' ') }
}

/** Only name and enabled reach here; the adapter refused the rest. */
export function gatewayUpdateBody(changes: KeyChanges): GatewayUpdateBody {
  return {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.enabled !== undefined ? { status: changes.enabled ? 'Active' : 'Disabled' } : {}),
  }
}

/** The server's field names → the model's, for form errors. */
export const gatewayFieldNames: Readonly<Record<string, string>> = { scopes: 'permissions', status: 'enabled' }
