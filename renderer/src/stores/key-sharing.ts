import type { ApiKey } from '@shared/domain/api-key'
import type { PermissionGrid } from '@shared/domain/permissions/grid'

/**
 * Keeps 100,000 listed keys small in the renderer: keys with equal permissions share one grid
 * object and one native list (a fleet has a handful of permission sets), and a list that replaces
 * the one on screen (live rows after the cache, a refresh) reuses the key objects that did not
 * change, so the table keeps their views and orders instead of building them again.
 * Shared objects are never changed: every key is read-only in the renderer.
 */
export class KeySharing {
  private readonly grids = new Map<string, PermissionGrid>()
  private readonly natives = new Map<string, string[]>()

  /** The key with its grid and native list replaced by the shared equal ones. */
  intern(key: ApiKey): ApiKey {
    let gridSignature = ''
    for (const resource in key.permissions) gridSignature += `${resource}=${key.permissions[resource]};`
    let grid = this.grids.get(gridSignature)
    if (grid === undefined) this.grids.set(gridSignature, (grid = key.permissions))
    const nativeSignature = key.nativePermissions.join('\u0000')
    let native = this.natives.get(nativeSignature)
    if (native === undefined) this.natives.set(nativeSignature, (native = key.nativePermissions))
    if (grid === key.permissions && native === key.nativePermissions) return key
    return { ...key, permissions: grid, nativePermissions: native }
  }

  /** Interned keys, each replaced by its unchanged twin in `shown` (interned by this sharing) where there is one. */
  prepare(keys: readonly ApiKey[], shown?: ReadonlyMap<string, ApiKey>): ApiKey[] {
    const out = new Array<ApiKey>(keys.length)
    for (let i = 0; i < keys.length; i++) {
      const key = this.intern(keys[i]!)
      const twin = shown?.get(key.id)
      out[i] = twin !== undefined && sameKey(twin, key) ? twin : key
    }
    return out
  }
}

/** Field by field; the grid and native list by identity (both interned by the same sharing). */
function sameKey(a: ApiKey, b: ApiKey): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.maskedKey === b.maskedKey &&
    a.status === b.status &&
    a.permissions === b.permissions &&
    a.nativePermissions === b.nativePermissions &&
    a.expiresAt === b.expiresAt &&
    a.notes === b.notes &&
    a.createdAt === b.createdAt &&
    a.lastUsedAt === b.lastUsedAt &&
    a.accountId === b.accountId
  )
}
