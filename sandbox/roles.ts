import type { GatewayOperation } from './gateway/scopes'

export type Role = 'admin' | 'support' | 'viewer'

/**
 * What each role may do on each remote dialect. Data only: the dialect modules turn it into
 * their own vocabulary (gateway scopes today; wallet roles and pulse permissions later).
 */
export interface RolePermissions {
  gateway: {
    /** Operations held on every gateway audience (sale, transaction, ...). */
    operations: readonly GatewayOperation[]
    /** May read a key's value again after creation (`apikey:decrypt`). */
    decrypt: boolean
  }
}

export const ROLE_PERMISSIONS: Readonly<Record<Role, RolePermissions>> = {
  admin: { gateway: { operations: ['read', 'write'], decrypt: true } },
  support: { gateway: { operations: ['read'], decrypt: true } },
  viewer: { gateway: { operations: ['read'], decrypt: false } },
}
