import type { ApiKey, KeyStatus } from '@shared/domain/api-key'
import { displayedStatus } from './displayed-status'
import { permissionChips, type PermissionChip, type ResourceLabels } from './permission-chips'

/**
 * One compact view per key: what the table shows, filters and sorts on, computed once per key.
 * The table holds 100,000 of these, so a view keeps no string it can share: keys with the same
 * permissions share one `PermissionSet`, and the lower-cased name, masked key and notes are the
 * key's own strings wherever they are lower-case already.
 */

/** A key expiring within this long (and not expired yet) carries the "Expires soon" badge. */
export const EXPIRES_SOON_MS = 7 * 24 * 60 * 60 * 1000

/** What keys with the same permissions share: their chips and the text the filter and sort read. */
export interface PermissionSet {
  readonly chips: readonly PermissionChip[]
  /** The chips' text, lower-cased ("payments · change, reports · view"); empty for none. */
  readonly sortText: string
  /** The chips' text and the native permissions, lower-cased: what a filter word is looked for in. */
  readonly search: string
}

export interface KeyView {
  key: ApiKey
  status: KeyStatus
  expiresSoon: boolean
  /** The permission column's chips (the set's); keys with the same permissions share one array. */
  chips: readonly PermissionChip[]
  permissions: PermissionSet
  /** Lower-cased name, masked key and notes (empty for none): what the filter reads besides the permissions. */
  name: string
  masked: string
  notes: string
  /** The name with its digit runs padded, so plain comparison orders "key-9" before "key-10". */
  sortName: string
  expiresAt: number | null
  lastUsedAt: number | null
  createdAt: number
}

/** Whether an unexpired key expires within a week of `now`. */
export function isExpiringSoon(expiresAt: string | null, status: KeyStatus, now: number): boolean {
  if (expiresAt === null || status === 'expired') return false
  const at = Date.parse(expiresAt)
  return !Number.isNaN(at) && at > now && at - now <= EXPIRES_SOON_MS
}

function time(iso: string | null): number | null {
  if (iso === null) return null
  const at = Date.parse(iso)
  return Number.isNaN(at) ? null : at
}

/** `text` lower-cased; the very same string when it is lower-case already (no copy kept). */
function lower(text: string): string {
  const lowered = text.toLowerCase()
  return lowered === text ? text : lowered
}

// "key-9" before "key-10": digit runs are padded so plain string comparison orders them by value.
function naturalKey(text: string): string {
  return lower(text).replace(/\d+/g, (digits) => digits.padStart(12, '0'))
}

/**
 * The permission sets of one list, by the keys' permissions: the chips and texts are worked out
 * once per set. Keys whose grid and native list are the same objects (see stores/key-sharing.ts) are found
 * by identity, without building the set's signature.
 */
export class PermissionSets {
  private readonly bySignature = new Map<string, PermissionSet>()
  private readonly byNative = new WeakMap<readonly string[], { grid: ApiKey['permissions']; set: PermissionSet }>()

  constructor(readonly labels: ResourceLabels) {}

  of(key: ApiKey): PermissionSet {
    const known = this.byNative.get(key.nativePermissions)
    if (known && known.grid === key.permissions) return known.set
    let signature = key.nativePermissions.join(',') + '|'
    for (const resource in key.permissions) signature += `${resource}=${key.permissions[resource]};`
    let set = this.bySignature.get(signature)
    if (set === undefined) {
      const chips = permissionChips(key, this.labels)
      const sortText = chips
        .map((chip) => chip.text)
        .join(', ')
        .toLowerCase()
      set = { chips, sortText, search: `${sortText}\n${key.nativePermissions.join(' ').toLowerCase()}` }
      this.bySignature.set(signature, set)
    }
    this.byNative.set(key.nativePermissions, { grid: key.permissions, set })
    return set
  }
}

const NO_LABELS: ResourceLabels = new Map()

export function toKeyView(
  key: ApiKey,
  now: Date,
  labels: ResourceLabels = NO_LABELS,
  sets: PermissionSets = new PermissionSets(labels),
): KeyView {
  const status = displayedStatus(key, now)
  const permissions = sets.of(key)
  return {
    key,
    status,
    expiresSoon: isExpiringSoon(key.expiresAt, status, now.getTime()),
    chips: permissions.chips,
    permissions,
    name: lower(key.name),
    masked: lower(key.maskedKey),
    notes: key.notes === null ? '' : lower(key.notes),
    sortName: naturalKey(key.name),
    expiresAt: time(key.expiresAt),
    lastUsedAt: time(key.lastUsedAt),
    createdAt: time(key.createdAt) ?? 0,
  }
}
