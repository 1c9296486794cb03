import { describeFilter } from '@shared/domain/attention'
import { useAttentionFilterStore } from '../../stores/attention-filter-store'
import './overview.css'

/** Above the key table while an Overview filter applies: what it shows, and a button to remove it. */
export function AttentionFilterChip({ profileId }: { profileId: string }) {
  const active = useAttentionFilterStore((s) => s.active)
  const clear = useAttentionFilterStore((s) => s.clear)
  if (!active || active.profileId !== profileId) return null
  const label = describeFilter(active.filter, active.at)
  return (
    <div className="attention-chip" role="status">
      <span>
        Filtered by the Overview: <strong>{label}</strong>
        {active.keyIds
          ? ` (${active.keyIds.length} ${active.keyIds.length === 1 ? 'key' : 'keys'} from a reminder)`
          : ''}
      </span>
      <button
        type="button"
        className="attention-chip__remove"
        onClick={clear}
        aria-label={`Remove the filter “${label}”`}
      >
        ×
      </button>
    </div>
  )
}
