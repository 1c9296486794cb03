import type { PermissionGrid } from './permissions/grid'

export type KeyStatus = 'active' | 'disabled' | 'expired'

/** One API key, whatever dialect it came from. Never carries the key value itself. */
export interface ApiKey {
  id: string
  name: string
  /** A display form such as `apk_abc***xyz`; never enough to use the key. */
  maskedKey: string
  status: KeyStatus
  /** The permission grid, the same for every dialect. */
  permissions: PermissionGrid
  /** The same permissions in the dialect's own words (gateway scopes, wallet roles, pulse permissions). */
  nativePermissions: string[]
  expiresAt: string | null
  notes: string | null
  createdAt: string
  lastUsedAt: string | null
  /** The wallet or pulse account the key belongs to; null where the dialect has none. */
  accountId: string | null
}

export interface KeyList {
  profileId: string
  accountId: string | null
  keys: ApiKey[]
  /** Keys of which this computer's keychain holds a copy (they can be revealed and tried). */
  localCopyKeyIds: string[]
  /** When the list was read, ISO 8601. */
  fetchedAt: string
}

/** Status as a user sees it: a key past its expiry is expired whatever the server calls it. */
export function effectiveStatus(serverStatus: 'active' | 'disabled', expiresAt: string | null, now: Date): KeyStatus {
  if (expiresAt !== null && Date.parse(expiresAt) <= now.getTime()) return 'expired'
  return serverStatus
}
