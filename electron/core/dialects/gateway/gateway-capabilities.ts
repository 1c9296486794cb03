import type { DialectCapabilities } from '@shared/domain/capabilities'
import { gatewayResources } from './gateway-scopes'

/** What the gateway can do with keys (docs/remote-apis.md "gateway"). */
export const gatewayCapabilities: DialectCapabilities = {
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
  resources: gatewayResources,
}
