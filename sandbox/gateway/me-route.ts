import type { Provider } from 'oidc-provider'
import { sendJson } from '../http'
import type { Route } from '../routing'
import { authenticate } from './authenticate'
import { GRANTABLE_SCOPES } from './scopes'

/**
 * `GET /v1/me`: what the caller holds. Key scopes are what it may grant (seed 000: "the available
 * scopes depend on your role … and will be shown in the UI"); the rest are management permissions.
 */
export function gatewayMeRoute(provider: Provider): Route {
  return {
    method: 'GET',
    path: '/v1/me',
    async handle({ req, res }) {
      const principal = await authenticate(provider, req)
      const held = [...principal.permissions]
      sendJson(res, 200, {
        username: principal.username,
        scopes: held.filter((permission) => GRANTABLE_SCOPES.has(permission)).join(' '),
        permissions: held.filter((permission) => !GRANTABLE_SCOPES.has(permission)),
      })
    },
  }
}
