import type { ProfileAuth } from '../../../shared/domain/profile'
import { OidcConnector } from '../auth/oidc-connector'
import { pulseLogin } from '../auth/pulse-login'
import { AppError } from '../errors'

/**
 * Checks a profile before it is saved, so a typo is caught at the form and not at the first use:
 * the issuer's discovery must answer; a pulse API key and secret must log in.
 */
export async function checkProfile(input: { apiBaseUrl: string; auth: ProfileAuth; apiSecret?: string | undefined }): Promise<void> {
  if (input.auth.kind === 'oauth') {
    try {
      await new OidcConnector(input.auth.issuer, input.auth.clientId).discovery()
    } catch (error) {
      const reason = error instanceof AppError ? error.message : String(error)
      throw new AppError('VALIDATION', `The issuer could not be used: ${reason}`, { 'auth.issuer': `Discovery failed at ${input.auth.issuer}.` })
    }
    return
  }
  if (input.apiSecret === undefined) return
  try {
    await pulseLogin(input.apiBaseUrl, input.auth.apiKeyId, input.apiSecret)
  } catch (error) {
    if (error instanceof AppError && error.code === 'AUTH_FAILED') {
      throw new AppError('VALIDATION', error.message, { apiSecret: 'This API key and secret were refused.' })
    }
    const reason = error instanceof AppError ? error.message : String(error)
    throw new AppError('VALIDATION', reason, { apiBaseUrl: 'The API could not be reached at this URL.' })
  }
}
