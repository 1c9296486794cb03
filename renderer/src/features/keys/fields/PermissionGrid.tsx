import { useId } from 'react'
import {
  withChange,
  withView,
  type Access,
  type GrantLimits,
  type GridResource,
  type PermissionGrid as Grid,
} from '@shared/domain/permissions/grid'
import { describedByOf, FieldMessages } from '@renderer/ui/FieldMessages'

export interface PermissionGridProps {
  caption: string
  resources: readonly GridResource[]
  value: Grid
  /** What the user may grant; null for a read-only grid. */
  limits: GrantLimits | null
  /** Left out for a read-only grid. */
  onChange?: (grid: Grid) => void
  hint?: string
  error?: string
}

const rank: Record<Access | 'none', number> = { none: 0, view: 1, change: 2 }
const UNKNOWN_LIMIT = { max: 'none' as const, reason: 'Keywarden does not know whether you may grant this.' }

/**
 * The permission grid: a row per resource, a View and a Change column. Ticking Change ticks View;
 * unticking View clears Change (the shared grid rules). A box the user may not tick is disabled with
 * the reason as its tooltip and description; a box already ticked beyond the limit can still be
 * unticked, since giving up access is always allowed.
 */
export function PermissionGrid({ caption, resources, value, limits, onChange, hint, error }: PermissionGridProps) {
  const id = useId()
  const readOnly = onChange === undefined || limits === null

  return (
    <div className={['permission-grid', error ? 'permission-grid--invalid' : null].filter(Boolean).join(' ')}>
      <table className="permission-grid__table" aria-describedby={describedByOf(id, hint, error)}>
        <caption className="permission-grid__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col" className="permission-grid__check">
              View
            </th>
            <th scope="col" className="permission-grid__check">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {resources.map((resource, index) => {
            const granted = value[resource.id]
            const limit = limits ? (limits[resource.id] ?? UNKNOWN_LIMIT) : null
            const reasonId = `${id}-reason-${index}`
            const viewBlocked = limit !== null && rank[limit.max] < rank.view && granted === undefined
            const changeBlocked = limit !== null && rank[limit.max] < rank.change && granted !== 'change'
            const reason = limit?.reason
            return (
              <tr key={resource.id}>
                <th scope="row" className="permission-grid__resource">
                  {resource.label}
                  {(viewBlocked || changeBlocked) && reason ? (
                    <span id={reasonId} className="visually-hidden">
                      {reason}
                    </span>
                  ) : null}
                </th>
                <td className="permission-grid__check" title={viewBlocked ? reason : undefined}>
                  <input
                    type="checkbox"
                    className="checkbox"
                    aria-label={`View ${resource.label}`}
                    checked={granted !== undefined}
                    disabled={readOnly || viewBlocked}
                    title={viewBlocked ? reason : undefined}
                    aria-describedby={viewBlocked && reason ? reasonId : undefined}
                    onChange={(event) => onChange?.(withView(value, resource.id, event.target.checked))}
                  />
                </td>
                <td className="permission-grid__check" title={changeBlocked ? reason : undefined}>
                  <input
                    type="checkbox"
                    className="checkbox"
                    aria-label={`Change ${resource.label}`}
                    checked={granted === 'change'}
                    disabled={readOnly || changeBlocked}
                    title={changeBlocked ? reason : undefined}
                    aria-describedby={changeBlocked && reason ? reasonId : undefined}
                    onChange={(event) => onChange?.(withChange(value, resource.id, event.target.checked))}
                  />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  )
}
