import type { Dialect } from './profile'

/** What a dialect can do. The UI asks these, never the dialect's name. */
export interface DialectCapabilities {
  /** How the dialect names permissions in its own UI: gateway "Scopes", wallet "Roles", pulse "Permissions". */
  permissionsLabel: string
  /** A key's value can be read again after creation (gateway decrypt). */
  canReveal: boolean
  /** Keys can be disabled and enabled again. */
  canDisable: boolean
  /** The name can be changed after creation. */
  canRename: boolean
  /** Names must be unique (within the account). */
  nameUnique: boolean
  /** Permissions can be changed after creation. */
  permissionsEditable: boolean
  /** Keys carry an expiry date. */
  hasExpiry: boolean
  /** An expiry date must be given on create. */
  expiryRequired: boolean
  /** The expiry date can be changed after creation. */
  expiryEditable: boolean
  hasNotes: boolean
  /** A key comes with a separate secret (shown once). */
  hasSecret: boolean
  /** Keys belong to accounts (wallets, pulse accounts) chosen by the user. */
  hasAccounts: boolean
  /** What an account is called: "Wallet", "Account". */
  accountLabel: string | null
  /** How a profile of this dialect may sign in; the profile form offers exactly these. */
  signInMethods: ReadonlyArray<SignInMethod>
  /** The resources of the permission grid with their labels ("Payments"), for the key table's chips. */
  resources?: ReadonlyArray<{ id: string; label: string }>
}

export type SignInMethod = 'oauth' | 'api-key'

/** A dialect as the profile form sees it, before any profile of it exists. */
export interface DialectInfo {
  dialect: Dialect
  capabilities: DialectCapabilities
}

export const dialectCapabilities: Readonly<Record<Dialect, DialectCapabilities>> = {
  gateway: {
    permissionsLabel: 'Scopes',
    canReveal: true,
    canDisable: true,
    canRename: true,
    nameUnique: false,
    permissionsEditable: false,
    hasExpiry: false,
    expiryRequired: false,
    expiryEditable: false,
    hasNotes: false,
    hasSecret: false,
    hasAccounts: false,
    accountLabel: null,
    signInMethods: ['oauth'],
  },
  wallet: {
    permissionsLabel: 'Roles',
    canReveal: false,
    canDisable: false,
    canRename: false,
    nameUnique: true,
    permissionsEditable: true,
    hasExpiry: true,
    expiryRequired: true,
    expiryEditable: false,
    hasNotes: true,
    hasSecret: false,
    hasAccounts: true,
    accountLabel: 'Wallet',
    signInMethods: ['oauth'],
  },
  pulse: {
    permissionsLabel: 'Permissions',
    canReveal: false,
    canDisable: true,
    canRename: true,
    nameUnique: false,
    permissionsEditable: true,
    hasExpiry: true,
    expiryRequired: false,
    expiryEditable: true,
    hasNotes: false,
    hasSecret: true,
    hasAccounts: true,
    accountLabel: 'Account',
    signInMethods: ['oauth', 'api-key'],
  },
}
