import type { DialectModule } from '../dialect-module'
import { GatewayAdapter } from './gateway-adapter'
import { gatewayCapabilities } from './gateway-capabilities'

/** The gateway dialect (docs/remote-apis.md "gateway"): OAuth bearer, `/v1/apikeys`, HAL pages, no accounts. */
export const gatewayDialect = {
  name: 'gateway',
  capabilities: gatewayCapabilities,
  createAdapter: (api, now) => new GatewayAdapter(api, now),
  // docs/remote-apis.md: `apk_` + 34 random base62 + a 6-symbol CRC32 checksum of them.
  recognizer: {
    dialect: 'gateway',
    shapes: [
      {
        id: 'key',
        label: 'gateway key',
        kind: 'key',
        prefix: 'apk_',
        alphabet: '0-9A-Za-z',
        length: { min: 40, max: 40 },
        checksum: 'crc32-base62',
        masking: 'first3-last3',
      },
    ],
  },
  sandbox: { profileName: 'Local sandbox · gateway', path: 'gateway' },
} as const satisfies DialectModule<'gateway'>
