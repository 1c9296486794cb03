import type { DialectCapabilities } from '@shared/domain/capabilities'
import { pulseResources } from './pulse-permissions'

/** What pulse can do with keys (docs/remote-apis.md "pulse"); it alone also signs in with an API key and secret. */
export const pulseCapabilities: DialectCapabilities = {
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
  resources: pulseResources,
}
