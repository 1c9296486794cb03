import { bulkActions, bulkRefusal, type BulkAction } from '@shared/contracts/bulk'
import type { ApiKey } from '@shared/domain/api-key'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import type { KeyAccess } from '@shared/domain/key-lifecycle'

export interface Applicable {
  action: BulkAction
  keys: ApiKey[]
  /** Why none of the ticked keys qualify (the first reason), for the button's description. */
  reason: string | null
}

/** For each bulk action, the ticked keys it applies to here: the same rule the core applies. */
export function applicableActions(
  ticked: readonly ApiKey[],
  capabilities: DialectCapabilities,
  access: KeyAccess | null,
): Applicable[] {
  return bulkActions.map((action) => {
    if (!access) return { action, keys: [], reason: 'what you may do here is not known yet' }
    const refusals = ticked.map((key) => bulkRefusal(action, key, capabilities, access))
    const keys = ticked.filter((_, i) => refusals[i] === null)
    return { action, keys, reason: keys.length === 0 ? (refusals.find((r) => r !== null) ?? null) : null }
  })
}

export const actionLabels: Record<BulkAction, { button: string; verb: string; done: string }> = {
  revoke: { button: 'Revoke', verb: 'Revoke', done: 'revoked' },
  disable: { button: 'Disable', verb: 'Disable', done: 'disabled' },
  enable: { button: 'Enable', verb: 'Enable', done: 'enabled' },
  rotate: { button: 'Rotate', verb: 'Rotate', done: 'rotated' },
}

/** "“a”, “b”, “c” and 4 more". */
export function firstNames(names: readonly string[], shown = 3): string {
  const quoted = names.slice(0, shown).map((name) => `“${name}”`)
  const more = names.length - quoted.length
  if (more > 0) return `${quoted.join(', ')} and ${more} more`
  if (quoted.length <= 1) return quoted.join('')
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)!}`
}
