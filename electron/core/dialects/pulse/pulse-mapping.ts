import { effectiveStatus, type ApiKey } from '@shared/domain/api-key'
import { gridToPulsePermissions, pulsePermissionsToGrid } from './pulse-permissions'
import type { KeyChanges, KeyDraft } from '../dialect-adapter'
import type { PulseCreateBody, PulseKey, PulseUpdateBody } from './pulse-wire'

export function pulseKeyToModel(key: PulseKey, now: Date): ApiKey {
  return {
    id: key.id,
    name: key.name,
    // The apiKey id is public (half of a pair, like a user name) and is how users tell keys
    // apart; without the secret it authenticates nothing, so it is shown whole.
    maskedKey: key.apiKey,
    status: effectiveStatus(key.enabled ? 'active' : 'disabled', key.expiresAt, now),
    permissions: pulsePermissionsToGrid(key.permissions),
    nativePermissions: key.permissions,
    expiresAt: key.expiresAt,
    notes: null,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    accountId: key.accountId,
  }
}

/** Pulse keys have no notes; that draft field is not sent. A null expiry means "never". */
export function pulseCreateBody(draft: KeyDraft): PulseCreateBody {
  return { name: draft.name, permissions: gridToPulsePermissions(draft.permissions), expiresAt: draft.expiresAt }
}

/** Only name, permissions, expiresAt and enabled reach here; the adapter refused notes. */
export function pulseUpdateBody(changes: KeyChanges): PulseUpdateBody {
  return {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.permissions !== undefined ? { permissions: gridToPulsePermissions(changes.permissions) } : {}),
    ...(changes.expiresAt !== undefined ? { expiresAt: changes.expiresAt } : {}),
    ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
  }
}
