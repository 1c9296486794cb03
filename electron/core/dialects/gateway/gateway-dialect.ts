import type { DialectModule } from '../dialect-module'
import { GatewayAdapter } from './gateway-adapter'
import { gatewayCapabilities } from './gateway-capabilities'

/** The gateway dialect (docs/remote-apis.md "gateway"): OAuth bearer, `/v1/apikeys`, HAL pages, no accounts. */
export const gatewayDialect = {
  name: 'gateway',
  capabilities: gatewayCapabilities,
  createAdapter: (api, now) => new GatewayAdapter(api, now),
  sandbox: { profileName: 'Local sandbox · gateway', path: 'gateway' },
} as const satisfies DialectModule<'gateway'>
