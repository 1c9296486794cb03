import type { GatewayOperation } from './gateway/scopes'

export type Role = 'admin' | 'support' | 'viewer'

/** Wallet API Access (seed 001): Read lets a user see a wallet's keys, Change also add, edit and delete. */
export type WalletApiAccess = 'read' | 'change'

/** Pulse resources (seed 002); a permission is `read` or `write` + one of these, e.g. `writeApiKeys`. */
export const PULSE_RESOURCES = ['Applications', 'Merchants', 'Transactions', 'Payouts', 'ApiKeys'] as const
export type PulseResource = (typeof PULSE_RESOURCES)[number]

/**
 * What each role may do on each remote dialect. Data only: the dialect modules turn it into
 * their own vocabulary. Which wallets and pulse accounts a user belongs to is per user (users.ts).
 */
export interface RolePermissions {
  gateway: {
    /** Operations held on every gateway audience (sale, transaction, ...). */
    operations: readonly GatewayOperation[]
    /** May read a key's value again after creation (`apikey:decrypt`). */
    decrypt: boolean
    /** May create, change and delete keys at all (`apikey:write`). */
    manage: boolean
  }
  wallet: {
    /** API Access held on every wallet the user belongs to. */
    apiAccess: WalletApiAccess
  }
  pulse: {
    /** Resources held with `read…` / `write…` on every account the user may use. */
    read: readonly PulseResource[]
    write: readonly PulseResource[]
  }
}

export const ROLE_PERMISSIONS: Readonly<Record<Role, RolePermissions>> = {
  admin: {
    gateway: { operations: ['read', 'write'], decrypt: true, manage: true },
    wallet: { apiAccess: 'change' },
    pulse: { read: PULSE_RESOURCES, write: PULSE_RESOURCES },
  },
  support: {
    gateway: { operations: ['read'], decrypt: true, manage: true },
    wallet: { apiAccess: 'change' },
    pulse: { read: PULSE_RESOURCES, write: ['ApiKeys'] },
  },
  viewer: {
    gateway: { operations: ['read'], decrypt: false, manage: false },
    wallet: { apiAccess: 'read' },
    pulse: { read: PULSE_RESOURCES, write: [] },
  },
}
