import type { SandboxDeps } from '../deps'
import { HttpError, readBody, sendJson } from '../http'
import { JSON_BODY_LIMIT_BYTES } from '../json-body'
import { authenticateKey } from '../keys/authenticate-key'
import { GATEWAY_KEY_FORMAT } from '../keys/key-format'
import type { HttpMethod, Route } from '../routing'
import { GATEWAY_AUDIENCES, type GatewayOperation } from './scopes'

// Demo resources, one per audience, so a key can be tried: `GET /v1/sales` needs `sale:read`,
// `POST /v1/sales` needs `sale:write`. The answers are canned; only the authorization is real.

export const demoResourcePath = (audience: string): string => `/v1/${audience}s`

const OPERATION_OF: Record<'GET' | 'POST', GatewayOperation> = { GET: 'read', POST: 'write' }

export function gatewayDemoRoutes(deps: SandboxDeps): Route[] {
  return GATEWAY_AUDIENCES.flatMap((audience) =>
    (['GET', 'POST'] as const satisfies readonly HttpMethod[]).map((method): Route => ({
      method,
      path: demoResourcePath(audience),
      async handle({ req, res }) {
        const key = await authenticateKey(deps, req, 'gateway', GATEWAY_KEY_FORMAT, 'x-api-key')
        const scope = `${audience}:${OPERATION_OF[method]}`
        if (!key.permissions.includes(scope)) {
          throw new HttpError(403, 'forbidden', `This API key lacks the ${scope} scope.`, { missingScopes: [scope] })
        }
        if (method === 'POST') {
          await readBody(req, JSON_BODY_LIMIT_BYTES)
          sendJson(res, 200, { accepted: true, resource: `${audience}s`, apiKeyId: key.id })
          return
        }
        sendJson(res, 200, {
          resource: `${audience}s`,
          apiKeyId: key.id,
          items: [1, 2, 3].map((n) => ({
            id: `${audience}_${String(n).padStart(4, '0')}`,
            amount: n * 1250,
            currency: 'EUR',
          })),
        })
      },
    })),
  )
}
