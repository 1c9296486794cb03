import type { ApiKey } from '@shared/domain/api-key'

/**
 * Exactly the fields of a listed key that the cache keeps, copied one by one: whatever else an object
 * may carry (a value or secret a future adapter attaches by mistake) never reaches the file.
 */
export function cacheKeyMetadata(key: ApiKey): ApiKey {
  return {
    id: key.id,
    name: key.name,
    maskedKey: key.maskedKey,
    status: key.status,
    permissions: key.permissions,
    nativePermissions: key.nativePermissions,
    expiresAt: key.expiresAt,
    notes: key.notes,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    accountId: key.accountId,
  }
}
