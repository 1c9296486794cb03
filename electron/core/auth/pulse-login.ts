import { z } from 'zod'
import { insecureTransportReason, isSecureOrLoopbackUrl } from '../../../shared/domain/transport'
import { AppError, describeError } from '../errors'

const loginAnswer = z.object({ token: z.string().min(1), expiresAt: z.iso.datetime({ offset: true }) })

export interface PulseSessionToken {
  token: string
  /** Epoch milliseconds. */
  expiresAt: number
}

/** `POST /auth/login` with an API key and secret (seed 002): a session token for `Authorization: Bearer`. */
export async function pulseLogin(apiBaseUrl: string, apiKey: string, apiSecret: string, timeoutMs = 15_000): Promise<PulseSessionToken> {
  const url = new URL('auth/login', apiBaseUrl.endsWith('/') ? apiBaseUrl : `${apiBaseUrl}/`)
  // A profile stored before the transport rule existed must not send its key and secret in clear text.
  if (!isSecureOrLoopbackUrl(url)) {
    throw new AppError('FORBIDDEN', insecureTransportReason('API base URL'), { apiBaseUrl: insecureTransportReason('API base URL') })
  }
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ apiKey, apiSecret }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    })
  } catch (error) {
    throw new AppError('NETWORK', `Cannot reach ${url.origin} to sign in with the API key: ${describeError(error)}`, undefined, { cause: error })
  }
  if (response.status === 401 || response.status === 403) {
    throw new AppError('AUTH_FAILED', `${url.host} refused this API key and secret.`, { apiSecret: 'The API key or secret was refused.' })
  }
  if (!response.ok) throw new AppError('SERVER', `${url.host} could not sign in with the API key (${response.status} ${response.statusText}).`)
  const parsed = loginAnswer.safeParse(await response.json().catch(() => undefined))
  if (!parsed.success) throw new AppError('BAD_RESPONSE', `${url.host} answered the API-key login with something Keywarden does not understand.`)
  return { token: parsed.data.token, expiresAt: Date.parse(parsed.data.expiresAt) }
}
