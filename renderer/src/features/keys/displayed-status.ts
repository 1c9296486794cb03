import { effectiveStatus, type ApiKey, type KeyStatus } from '@shared/domain/api-key'

/** Main already marks expired keys; this also catches one that expired since the list was read. */
export function displayedStatus(key: ApiKey, now: Date): KeyStatus {
  if (key.status === 'expired') return 'expired'
  return effectiveStatus(key.status, key.expiresAt, now)
}
