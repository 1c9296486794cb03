import { ROLE_PERMISSIONS, type Role } from '../roles'

export const GATEWAY_AUDIENCES = ['sale', 'transaction', 'refund', 'payout', 'customer'] as const
export const GATEWAY_OPERATIONS = ['read', 'write'] as const
export type GatewayOperation = (typeof GATEWAY_OPERATIONS)[number]

/** Management permission: read a key's value again after creation. Not grantable to a key. */
export const DECRYPT_PERMISSION = 'apikey:decrypt'
/** Management permission: create, change and delete keys. Not grantable to a key; viewers lack it. */
export const MANAGE_PERMISSION = 'apikey:write'

/** Scopes an API key can carry: every `audience:operation` pair. */
export const GRANTABLE_SCOPES: ReadonlySet<string> = new Set(
  GATEWAY_AUDIENCES.flatMap((audience) => GATEWAY_OPERATIONS.map((operation) => `${audience}:${operation}`)),
)

/** Everything a role holds on the gateway: its key scopes plus management permissions. */
export function gatewayPermissionsOf(role: Role): ReadonlySet<string> {
  const { operations, decrypt, manage } = ROLE_PERMISSIONS[role].gateway
  const held = GATEWAY_AUDIENCES.flatMap((audience) => operations.map((operation) => `${audience}:${operation}`))
  return new Set([...held, ...(decrypt ? [DECRYPT_PERMISSION] : []), ...(manage ? [MANAGE_PERMISSION] : [])])
}
