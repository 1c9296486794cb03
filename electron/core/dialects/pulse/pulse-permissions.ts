import type { Access, GrantLimits, GridResource, PermissionGrid } from '@shared/domain/permissions/grid'

/** Pulse permissions are `read<Resource>` / `write<Resource>` (docs/remote-apis.md "pulse"): read → View, write → Change. */
export const pulseResources: readonly GridResource[] = [
  { id: 'Applications', label: 'Applications' },
  { id: 'Merchants', label: 'Merchants' },
  { id: 'Transactions', label: 'Transactions' },
  { id: 'Payouts', label: 'Payouts' },
  { id: 'ApiKeys', label: 'API keys' },
]

const PERMISSION = /^(read|write)([A-Z][A-Za-z0-9]*)$/

export function pulsePermissionsToGrid(permissions: readonly string[]): PermissionGrid {
  const grid: Record<string, Access> = {}
  for (const permission of permissions) {
    const match = PERMISSION.exec(permission)
    if (!match) continue
    const [, operation, resource] = match
    if (!resource) continue
    if (operation === 'write') grid[resource] = 'change'
    else grid[resource] ??= 'view'
  }
  return grid
}

export function gridToPulsePermissions(grid: PermissionGrid): string[] {
  return Object.entries(grid).flatMap(([resource, access]) =>
    access === 'change' ? [`read${resource}`, `write${resource}`] : [`read${resource}`],
  )
}

/** A caller grants only permissions it holds on that account. */
export function pulseGrantLimits(held: readonly string[], resources: readonly GridResource[]): GrantLimits {
  const has = new Set(held)
  return Object.fromEntries(
    resources.map((r): [string, GrantLimits[string]] => {
      if (has.has(`write${r.id}`) && has.has(`read${r.id}`)) return [r.id, { max: 'change' as const }]
      if (has.has(`read${r.id}`))
        return [r.id, { max: 'view' as const, reason: `You hold only read${r.id} on this account.` }]
      return [r.id, { max: 'none' as const, reason: `You do not hold read${r.id} on this account.` }]
    }),
  )
}
