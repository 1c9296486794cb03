import { PULSE_RESOURCES, ROLE_PERMISSIONS, type PulseResource, type Role } from '../roles'

/** Every pulse permission, in a stable order: `readApplications`, `writeApplications`, … */
export const PULSE_PERMISSIONS: readonly string[] = PULSE_RESOURCES.flatMap((resource) => [
  `read${resource}`,
  `write${resource}`,
])

/** Stable order and no repeats, so stored and returned lists compare equal. */
export const normalizePermissions = (permissions: readonly string[]): string[] => {
  const given = new Set(permissions)
  return PULSE_PERMISSIONS.filter((permission) => given.has(permission))
}

/** What a user of this role holds on each account they may use. */
export function permissionsOfRole(role: Role): ReadonlySet<string> {
  const { read, write } = ROLE_PERMISSIONS[role].pulse
  return new Set([...read.map((r) => `read${r}`), ...write.map((r) => `write${r}`)])
}

/** The demo resources and the pulse resource each belongs to. */
export const DEMO_RESOURCES: Readonly<Record<string, PulseResource>> = {
  applications: 'Applications',
  merchants: 'Merchants',
  transactions: 'Transactions',
  payouts: 'Payouts',
}

export const permissionFor = (resource: PulseResource, method: 'GET' | 'POST'): string =>
  `${method === 'GET' ? 'read' : 'write'}${resource}`
