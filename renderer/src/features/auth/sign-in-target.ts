import type { ProfileSummary } from '@shared/domain/profile'
import { issuerHost } from './issuer-host'

/** Where the profile signs in: the issuer's host for OAuth, the API's host for an API-key login. */
export function signInTarget(profile: ProfileSummary): string {
  return issuerHost(profile.auth.kind === 'oauth' ? profile.auth.issuer : profile.apiBaseUrl)
}
