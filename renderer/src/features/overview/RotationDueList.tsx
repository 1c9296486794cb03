import type { ApiKey } from '@shared/domain/api-key'
import { keyAttention, type AttentionContext } from '@shared/domain/attention'
import { useKeyDialogs } from '../../stores/key-dialog-store'
import { useSelectionStore } from '../../stores/selection-store'
import { Button } from '../../ui/Button'
import { openFiltered } from './open-filtered'

const SHOWN = 5

interface RotationDueListProps {
  keys: readonly ApiKey[]
  context: AttentionContext
  profileId: string
  accountId: string | null
  /** When the list was read (the Overview's "now"). */
  at: number
}

/**
 * The keys whose rotation is due, each with Rotate (the table's rotate dialog); with more than one, "Select all
 * for bulk rotation" opens the table filtered to them with every one ticked, so the selection bar's Rotate (one
 * confirmation, one grace period, sudo) takes them as one bulk run.
 */
export function RotationDueList({ keys, context, profileId, accountId, at }: RotationDueListProps) {
  const open = useKeyDialogs((s) => s.open)
  if (context.rotationMaxAgeDays === null) return null
  const due = keys.filter((key) => keyAttention(key, context).buckets.has('rotation-due'))
  if (due.length === 0) return null

  function selectAll() {
    openFiltered(profileId, { kind: 'bucket', bucket: 'rotation-due' }, at)
    // The table's selection scope: the same profile and account as the list the Overview counted.
    useSelectionStore.getState().selectOnly(
      `${profileId}/${accountId ?? ''}`,
      due.map((key) => key.id),
    )
  }

  return (
    <section className="rotation-due" aria-labelledby="rotation-due-title">
      <h2 id="rotation-due-title">Rotation due</h2>
      <ul>
        {due.slice(0, SHOWN).map((key) => (
          <li key={key.id}>
            <span>{key.name}</span>
            <Button onClick={() => open({ kind: 'rotate', key })} aria-label={`Rotate ${key.name}`}>
              Rotate…
            </Button>
          </li>
        ))}
      </ul>
      {due.length > SHOWN ? <p>And {due.length - SHOWN} more.</p> : null}
      {due.length > 1 ? <Button onClick={selectAll}>Select all {due.length} for bulk rotation</Button> : null}
    </section>
  )
}
