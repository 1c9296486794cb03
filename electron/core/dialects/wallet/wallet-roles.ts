import type { GrantLimits, GridResource, PermissionGrid } from '@shared/domain/permissions/grid'

/** Wallet roles are the grid itself on the wire: `{resource: "view" | "change"}` (docs/remote-apis.md "wallet"). */
export const walletResources: readonly GridResource[] = [
  { id: 'balances', label: 'Balances' },
  { id: 'payments', label: 'Payments' },
  { id: 'payouts', label: 'Payouts' },
  { id: 'beneficiaries', label: 'Beneficiaries' },
  { id: 'cards', label: 'Cards' },
  { id: 'reports', label: 'Reports' },
]

export function walletRolesToGrid(roles: Readonly<Record<string, string>>): PermissionGrid {
  const grid: Record<string, 'view' | 'change'> = {}
  for (const [resource, access] of Object.entries(roles)) {
    if (access === 'view' || access === 'change') grid[resource] = access
  }
  return grid
}

export function gridToWalletRoles(grid: PermissionGrid): Record<string, 'view' | 'change'> {
  return { ...grid }
}

/** API Access (Change) may grant any role; API Access (Read) may grant none. */
export function walletGrantLimits(canChange: boolean, resources: readonly GridResource[]): GrantLimits {
  return Object.fromEntries(
    resources.map((r) => [
      r.id,
      canChange
        ? { max: 'change' as const }
        : { max: 'none' as const, reason: 'You need the API Access (Change) permission to grant roles.' },
    ]),
  )
}
