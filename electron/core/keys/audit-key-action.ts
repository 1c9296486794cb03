import type { ApiKey } from '@shared/domain/api-key'
import type { LocalAuditEntry } from '@shared/domain/key-lifecycle'
import type { LocalAuditLog } from '../audit/local-audit-log'
import type { Clock } from '../clock'
import type { Connection } from '../connections/connection'

/** Records what was done to a key in the local audit log, as the signed-in user of its profile. */
export function auditKeyAction(
  deps: { audit: LocalAuditLog; clock: Clock },
  connection: Connection,
  action: LocalAuditEntry['action'],
  key: Pick<ApiKey, 'id' | 'name'>,
  detail: string | null,
): Promise<void> {
  const session = connection.session.current()
  return deps.audit.record({
    at: new Date(deps.clock.now()).toISOString(),
    actor: session.status === 'signed-in' ? session.user.name : 'unknown',
    profileName: connection.profile.name,
    action,
    keyId: key.id,
    keyName: key.name,
    detail,
  })
}
