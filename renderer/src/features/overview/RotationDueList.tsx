import type { ApiKey } from '@shared/domain/api-key'
import { keyAttention, type AttentionContext } from '@shared/domain/attention'
import { useKeyDialogs } from '../../stores/key-dialog-store'
import { Button } from '../../ui/Button'

const SHOWN = 5

/** The keys whose rotation is due, each with Rotate (the table's rotate dialog); the tile shows them all. */
export function RotationDueList({ keys, context }: { keys: readonly ApiKey[]; context: AttentionContext }) {
  const open = useKeyDialogs((s) => s.open)
  if (context.rotationMaxAgeDays === null) return null
  const due = keys.filter((key) => keyAttention(key, context).buckets.has('rotation-due'))
  if (due.length === 0) return null
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
      {due.length > SHOWN ? <p>And {due.length - SHOWN} more: open the “Rotation due” tile.</p> : null}
    </section>
  )
}
