/**
 * An OIDC access token of a demo user from a running sandbox, got the way the app gets one:
 * authorization code + PKCE through the real login page, redirected to a loopback listener.
 *
 *   const token = await sandboxAccessToken(sandbox.url, 'viewer')
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as client from 'openid-client'
import { signInThroughLoginPage } from './login-page-client'

const PASSWORD = 'keywarden'
const insecure = { execute: [client.allowInsecureRequests] }

export async function sandboxAccessToken(sandboxUrl: string, username: string): Promise<string> {
  const config = await client.discovery(new URL(sandboxUrl), 'keywarden-desktop', undefined, client.None(), insecure)
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address() as AddressInfo
    const redirectUri = `http://127.0.0.1:${port}/callback`
    const verifier = client.randomPKCECodeVerifier()
    const state = client.randomState()
    const authorizationUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    })
    const { callbackUrl } = await signInThroughLoginPage(authorizationUrl.href, { username, password: PASSWORD })
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    })
    return tokens.access_token
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
