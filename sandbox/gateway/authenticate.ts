import type { IncomingMessage } from 'node:http'
import type { Provider } from 'oidc-provider'
import { authenticateUser } from '../oidc/bearer-user'
import type { Role } from '../roles'
import { gatewayPermissionsOf } from './scopes'

export interface GatewayPrincipal {
  username: string
  role: Role
  /** Key scopes and management permissions the caller holds. */
  permissions: ReadonlySet<string>
}

/** Resolves `Authorization: Bearer <access token>` to the user it acts for, or throws a 401. */
export async function authenticate(provider: Provider, req: IncomingMessage): Promise<GatewayPrincipal> {
  const user = await authenticateUser(provider, req)
  return { username: user.username, role: user.role, permissions: gatewayPermissionsOf(user.role) }
}
