import { effectiveStatus, type ApiKey } from '@shared/domain/api-key'
import { gridToWalletRoles, walletRolesToGrid } from './wallet-roles'
import type { KeyChanges, KeyDraft } from '../dialect-adapter'
import type { WalletCreateBody, WalletKey, WalletUpdateBody } from './wallet-wire'

/** A role in the wallet's own words, as its Roles column shows it: `payments:change`. */
export const walletRoleName = (resource: string, access: string): string => `${resource}:${access}`

export function walletKeyToModel(key: WalletKey, now: Date): ApiKey {
  return {
    id: key.id,
    name: key.name,
    maskedKey: key.maskedKey,
    // No disable on the wallet: a key is active until its expiry.
    status: effectiveStatus('active', key.expiresAt, now),
    permissions: walletRolesToGrid(key.roles),
    nativePermissions: Object.entries(key.roles).map(([resource, access]) => walletRoleName(resource, access)),
    expiresAt: key.expiresAt,
    notes: key.notes,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    accountId: key.walletId,
  }
}

/** The adapter has checked that an expiry is there (the wallet requires one). */
export function walletCreateBody(draft: KeyDraft): WalletCreateBody {
  return {
    name: draft.name,
    roles: gridToWalletRoles(draft.permissions),
    ...(draft.expiresAt !== null ? { expiresAt: draft.expiresAt } : {}),
    ...(draft.notes !== null && draft.notes.trim() !== '' ? { notes: draft.notes } : {}),
  }
}

/** Only roles and notes reach here; the adapter refused the rest. */
export function walletUpdateBody(changes: KeyChanges): WalletUpdateBody {
  return {
    ...(changes.permissions !== undefined ? { roles: gridToWalletRoles(changes.permissions) } : {}),
    ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
  }
}

/** The server's field names → the model's, for form errors. */
export const walletFieldNames: Readonly<Record<string, string>> = { roles: 'permissions' }
