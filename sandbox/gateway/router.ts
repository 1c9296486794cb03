import type { SandboxDeps } from '../deps'
import { createDialectRouter, type DialectRouter } from '../routing'
import { gatewayDemoRoutes } from './demo-routes'
import { gatewayKeyRoutes } from './key-routes'
import { gatewayMeRoute } from './me-route'

export const GATEWAY_BASE_PATH = '/gateway'

/** The gateway dialect (seed 000) under /gateway. */
export function createGateway(deps: SandboxDeps): DialectRouter {
  return createDialectRouter(GATEWAY_BASE_PATH, [
    gatewayMeRoute(deps.provider),
    ...gatewayKeyRoutes(deps, GATEWAY_BASE_PATH),
    ...gatewayDemoRoutes(deps),
  ])
}
