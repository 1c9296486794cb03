import type { ApiKeySignIn } from '../dialect-module'
import { PulseKeySession } from './pulse-key-session'
import { pulseLogin } from './pulse-login'

/** Pulse's API-key login (docs/remote-apis.md "pulse"): a session, and a check before the profile is saved. */
export const pulseApiKeySignIn: ApiKeySignIn = {
  createSession: (deps) => new PulseKeySession(deps),
  check: async (input) => {
    await pulseLogin(
      { apiBaseUrl: input.apiBaseUrl, apiKey: input.auth.apiKeyId, apiSecret: input.apiSecret },
      input.name ?? 'New profile',
    )
  },
}
