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
  /** The rows of the permission grid this dialect knows, in order, with their labels. */
  resources: ReadonlyArray<{ id: string; label: string }>
}

export type SignInMethod = 'oauth' | 'api-key'

/** A dialect as the profile form sees it, before any profile of it exists. */
export interface DialectInfo {
  dialect: Dialect
  capabilities: DialectCapabilities
}
