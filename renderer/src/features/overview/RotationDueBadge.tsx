import type { ApiKey } from '@shared/domain/api-key'
import { isRotationDue } from '@shared/domain/attention'
import { useOverviewStore } from '../../stores/overview-store'
import { useSessionStore } from '../../stores/session-store'
import { Badge } from '../../ui/Badge'

/** "Rotation due" next to a key older than its profile's rotation policy allows (not for expired keys). */
export function RotationDueBadge({ apiKey, expired }: { apiKey: ApiKey; expired: boolean }) {
  const profileId = useSessionStore((s) => s.session?.profile.id)
  const maxAge = useOverviewStore((s) => (profileId ? (s.rotationPolicies[profileId] ?? null) : null))
  if (expired || maxAge === null || !isRotationDue(apiKey, Date.now(), maxAge)) return null
  return <Badge tone="warning">Rotation due</Badge>
}
