import type { DialectCapabilities } from '@shared/domain/capabilities'
import { walletResources } from './wallet-roles'

/** What the wallet API can do with keys (docs/remote-apis.md "wallet"). */
export const walletCapabilities: DialectCapabilities = {
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
  resources: walletResources,
}
