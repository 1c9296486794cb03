import type { KeyStatus } from '@shared/domain/api-key'
import { Badge, type BadgeTone } from '../../ui/Badge'

const label: Record<KeyStatus, string> = { active: 'Active', disabled: 'Disabled', expired: 'Expired' }
const tone: Record<KeyStatus, BadgeTone> = { active: 'positive', disabled: 'neutral', expired: 'warning' }

export function StatusBadge({ status }: { status: KeyStatus }) {
  return <Badge tone={tone[status]}>{label[status]}</Badge>
}
