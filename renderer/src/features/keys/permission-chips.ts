import type { ApiKey } from '../../../../shared/domain/api-key'
import { gatewayResources } from '../../../../shared/domain/permissions/gateway-scopes'
import { pulseResources } from '../../../../shared/domain/permissions/pulse-permissions'
import { walletResources } from '../../../../shared/domain/permissions/wallet-roles'

// One label table for every dialect's resources: their ids do not collide ("payout", "payouts",
// "Payouts" all read "Payouts"), so the table needs no dialect name.
const resourceLabels = new Map([...gatewayResources, ...walletResources, ...pulseResources].map((r) => [r.id, r.label]))

export interface PermissionChip {
  key: string
  /** "Payments · Change", "Reports · View". */
  text: string
  /** The same permission in the dialect's own words, for the tooltip. */
  title: string
}

/** The key's grid as chips, one per resource; its native words where the grid could not read them. */
export function permissionChips(apiKey: Pick<ApiKey, 'permissions' | 'nativePermissions'>): PermissionChip[] {
  const native = apiKey.nativePermissions
  const entries = Object.entries(apiKey.permissions)
  if (entries.length === 0) return native.map((word) => ({ key: word, text: word, title: word }))
  return entries.map(([resource, access]) => {
    const words = native.filter((word) => word.toLowerCase().includes(resource.toLowerCase()))
    return {
      key: resource,
      text: `${resourceLabels.get(resource) ?? resource} · ${access === 'change' ? 'Change' : 'View'}`,
      title: (words.length > 0 ? words : native).join(', '),
    }
  })
}
