import type { SignInMethod } from '@shared/domain/capabilities'
import type { Dialect } from '@shared/domain/profile'
import { OidcConnector } from '../auth/oidc-connector'
import type { ProfileCheckInput } from '../dialects/dialect-module'
import { allDialects, dialectOf } from '../dialects/registry'
import { AppError } from '../errors'

const methodNames: Record<SignInMethod, string> = { oauth: 'OAuth', 'api-key': 'an API key and secret' }

/**
 * Checks a profile before it is saved, so a typo is caught at the form and not at the first use:
 * the dialect must offer the sign-in method; the issuer's discovery must answer; an API key and
 * secret must log in.
 */
export async function checkProfile(input: ProfileCheckInput & { dialect: Dialect }): Promise<void> {
  assertSignInMethod(input.dialect, input.auth.kind)
  if (input.auth.kind === 'oauth') {
    try {
      await new OidcConnector(input.auth.issuer, input.auth.clientId).discovery()
    } catch (error) {
      const reason = error instanceof AppError ? error.message : String(error)
      throw new AppError('VALIDATION', `The issuer could not be used: ${reason}`, {
        'auth.issuer': `Discovery failed at ${input.auth.issuer}.`,
      })
    }
    return
  }
  const signIn = dialectOf(input.dialect).apiKeySignIn
  if (input.apiSecret === undefined || !signIn) return
  try {
    await signIn.check({ ...input, auth: input.auth, apiSecret: input.apiSecret })
  } catch (error) {
    if (error instanceof AppError && error.code === 'AUTH_FAILED') {
      throw new AppError('VALIDATION', error.message, { apiSecret: 'This API key and secret were refused.' })
    }
    const reason = error instanceof AppError ? error.message : String(error)
    throw new AppError('VALIDATION', reason, { apiBaseUrl: 'The API could not be reached at this URL.' })
  }
}

/** The dialect's capabilities say how its profiles may sign in (e.g. "Only pulse profiles can sign in with an API key and secret."). */
function assertSignInMethod(dialect: Dialect, method: SignInMethod): void {
  if (dialectOf(dialect).capabilities.signInMethods.includes(method)) return
  const offering = allDialects()
    .filter((module) => module.capabilities.signInMethods.includes(method))
    .map((module) => module.name)
  const message = `Only ${offering.join(' and ')} profiles can sign in with ${methodNames[method]}.`
  throw new AppError('VALIDATION', message, { 'auth.kind': message })
}
