import { Badge } from '../../ui/Badge'
import { Tooltip } from '../../ui/Tooltip'
import { fittingChipCount, type PermissionChip } from './permission-chips'

export interface PermissionChipsProps {
  chips: readonly PermissionChip[]
  /** "Scopes of checkout-service". */
  label: string
  /** Characters the cell has room for. */
  budget: number
}

/** A row's permissions as chips; those that do not fit end in a "+N" that lists them on hover and focus. */
export function PermissionChips({ chips, label, budget }: PermissionChipsProps) {
  const shown = fittingChipCount(chips, budget)
  const hidden = chips.slice(shown)
  return (
    <div className="chip-row">
      <ul className="chip-list" aria-label={label}>
        {chips.slice(0, shown).map((chip) => (
          <li key={chip.key}>
            <Badge tone="chip" title={chip.title}>
              {chip.text}
            </Badge>
          </li>
        ))}
      </ul>
      {hidden.length > 0 ? (
        <Tooltip content={hidden.map((chip) => chip.text).join(', ')} className="chip-more">
          {(tooltipId) => (
            <button
              type="button"
              className="chip-more__button"
              aria-label={`${hidden.length} more`}
              aria-describedby={tooltipId}
            >
              +{hidden.length}
            </button>
          )}
        </Tooltip>
      ) : null}
    </div>
  )
}
