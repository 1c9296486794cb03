import type { Access, GrantLimits, GridResource, PermissionGrid } from '@shared/domain/permissions/grid'

/** Gateway scopes are `audience:operation` (docs/remote-apis.md "gateway"): read → View, write → Change. */
export const gatewayResources: readonly GridResource[] = [
  { id: 'sale', label: 'Sales' },
  { id: 'transaction', label: 'Transactions' },
  { id: 'refund', label: 'Refunds' },
  { id: 'payout', label: 'Payouts' },
  { id: 'customer', label: 'Customers' },
]

export function splitScopes(scopes: string): string[] {
  return scopes.split(/\s+/).filter((s) => s.length > 0)
}

export function gatewayScopesToGrid(scopes: readonly string[]): PermissionGrid {
  const grid: Record<string, Access> = {}
  for (const scope of scopes) {
    const [audience, operation] = scope.split(':')
    if (!audience || !operation) continue
    if (operation === 'write') grid[audience] = 'change'
    else if (operation === 'read') grid[audience] ??= 'view'
  }
  return grid
}

export function gridToGatewayScopes(grid: PermissionGrid): string[] {
  return Object.entries(grid).flatMap(([audience, access]) =>
    access === 'change' ? [`${audience}:read`, `${audience}:write`] : [`${audience}:read`],
  )
}

/** On the gateway you can only grant scopes you hold yourself. */
export function gatewayGrantLimits(heldScopes: readonly string[], resources: readonly GridResource[]): GrantLimits {
  const held = new Set(heldScopes)
  return Object.fromEntries(
    resources.map((r): [string, GrantLimits[string]] => {
      if (held.has(`${r.id}:write`) && held.has(`${r.id}:read`)) return [r.id, { max: 'change' as const }]
      if (held.has(`${r.id}:read`))
        return [
          r.id,
          { max: 'view' as const, reason: `You hold only ${r.id}:read, so you cannot grant ${r.id}:write.` },
        ]
      return [r.id, { max: 'none' as const, reason: `You do not hold ${r.id}:read.` }]
    }),
  )
}
