import type { DialectModule } from '../dialect-module'
import { PulseAdapter } from './pulse-adapter'
import { pulseCapabilities } from './pulse-capabilities'
import { pulseApiKeySignIn } from './pulse-sign-in'

/** The pulse dialect (docs/remote-apis.md "pulse"): accounts by header, key id + secret pairs, its own API-key login. */
export const pulseDialect = {
  name: 'pulse',
  capabilities: pulseCapabilities,
  createAdapter: (api, now) => new PulseAdapter(api, now),
  apiKeySignIn: pulseApiKeySignIn,
  // docs/remote-apis.md: public ids `apiKey-` + 24 base62 (no checksum); secrets "40+ base62 with
  // checksum", no prefix. The key list shows the id whole; a secret is named by the id next to it.
  recognizer: {
    dialect: 'pulse',
    shapes: [
      {
        id: 'key-id',
        label: 'pulse key id',
        kind: 'key-id',
        prefix: 'apiKey-',
        alphabet: '0-9A-Za-z',
        length: { min: 24, max: 24 },
        checksum: 'none',
        masking: 'whole',
      },
      {
        id: 'secret',
        label: 'pulse secret',
        kind: 'secret',
        prefix: '',
        alphabet: '0-9A-Za-z',
        length: { min: 46, max: 64 },
        checksum: 'crc32-base62',
        masking: 'first3-last3',
      },
    ],
    pair: { idShape: 'key-id', secretShape: 'secret', maxLines: 3 },
  },
  sandbox: { profileName: 'Local sandbox · pulse', path: 'pulse' },
} as const satisfies DialectModule<'pulse'>
