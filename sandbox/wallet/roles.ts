/** Wallet resources (seed 001's permissions grid rows). */
export const WALLET_RESOURCES = ['balances', 'payments', 'payouts', 'beneficiaries', 'cards', 'reports'] as const
export type WalletResource = (typeof WALLET_RESOURCES)[number]
export type WalletAccess = 'view' | 'change'
export type WalletRoles = Partial<Record<WalletResource, WalletAccess>>

const RESOURCES: ReadonlySet<string> = new Set(WALLET_RESOURCES)

export const isWalletResource = (value: string): value is WalletResource => RESOURCES.has(value)

/**
 * Roles as stored permissions. Change implies View, so a change role stores both: a demo GET then
 * needs only `resource:view`, whatever the role was.
 */
export function rolesToPermissions(roles: WalletRoles): string[] {
  return WALLET_RESOURCES.flatMap((resource) => {
    const access = roles[resource]
    if (access === 'change') return [`${resource}:view`, `${resource}:change`]
    return access === 'view' ? [`${resource}:view`] : []
  })
}

export function permissionsToRoles(permissions: readonly string[]): WalletRoles {
  const held = new Set(permissions)
  const roles: WalletRoles = {}
  for (const resource of WALLET_RESOURCES) {
    if (held.has(`${resource}:change`)) roles[resource] = 'change'
    else if (held.has(`${resource}:view`)) roles[resource] = 'view'
  }
  return roles
}

/** The permission a demo request needs: view to read (GET), change to write (POST). */
export const permissionFor = (resource: WalletResource, method: 'GET' | 'POST'): string =>
  `${resource}:${method === 'GET' ? 'view' : 'change'}`
