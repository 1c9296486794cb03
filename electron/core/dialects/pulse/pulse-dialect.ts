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
  sandbox: { profileName: 'Local sandbox · pulse', path: 'pulse' },
} as const satisfies DialectModule<'pulse'>
