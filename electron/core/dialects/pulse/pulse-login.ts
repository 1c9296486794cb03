import { z } from 'zod'
import { AppError } from '../../errors'
import { DEFAULT_TIMEOUT_MS, exchangeHttp, readAnswer, type HttpCall } from '../../http/http-request'

const loginAnswer = z.object({ token: z.string().min(1), expiresAt: z.iso.datetime({ offset: true }) })

export interface PulseSessionToken {
  token: string
  /** Epoch milliseconds. */
  expiresAt: number
}

export interface PulseCredentials {
  apiBaseUrl: string
  apiKey: string
  apiSecret: string
}

/**
 * Pulse's `POST /auth/login` with an API key and secret (docs/remote-apis.md "pulse"): a session
 * token for `Authorization: Bearer`. `who` names the profile in error messages.
 */
export async function pulseLogin(
  credentials: PulseCredentials,
  who: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<PulseSessionToken> {
  const { apiBaseUrl, apiKey, apiSecret } = credentials
  const url = new URL('auth/login', apiBaseUrl.endsWith('/') ? apiBaseUrl : `${apiBaseUrl}/`)
  const named: HttpCall = { who, call: 'sign in with the API key' }
  // The HTTP layer refuses plain http off loopback before the key and secret leave.
  const request = { url, method: 'POST', body: { apiKey, apiSecret }, timeoutMs, ...named } as const
  return exchangeHttp(request, async (response) => {
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel()
      throw new AppError('AUTH_FAILED', `${url.host} refused this API key and secret.`, {
        apiSecret: 'The API key or secret was refused.',
      })
    }
    const answer = await readAnswer(response, loginAnswer, named)
    return { token: answer.token, expiresAt: Date.parse(answer.expiresAt) }
  })
}
