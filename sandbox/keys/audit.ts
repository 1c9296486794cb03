import type { AuditEntry, AuditLog } from './key-store'

/** Records a key lifecycle event at the sandbox's current time. Callers pass names, never values. */
export function recordAudit(
  deps: { audit: AuditLog; clock: () => Date },
  entry: Omit<AuditEntry, 'at'>,
): Promise<void> {
  return deps.audit.record({ ...entry, at: deps.clock() })
}
