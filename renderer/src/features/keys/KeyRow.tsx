import { memo, useId } from 'react'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import type { KeyAccess } from '@shared/domain/key-lifecycle'
import { Badge } from '../../ui/Badge'
import { WarningIcon } from '../../ui/WarningIcon'
import { DateCell } from './DateCell'
import type { KeyColumn } from './key-columns'
import type { KeyView } from './key-filter'
import { LastUsedCell } from './LastUsedCell'
import { PermissionChips } from './PermissionChips'
import { RowActions } from './RowActions'
import { StatusBadge } from './StatusBadge'
import { RotationDueBadge } from '../overview/RotationDueBadge'

export interface KeyRowProps {
  view: KeyView
  columns: readonly KeyColumn[]
  capabilities: Pick<DialectCapabilities, 'permissionsLabel' | 'canReveal' | 'canDisable'>
  access: KeyAccess | null
  hasLocalCopy: boolean
  updating: boolean
  /** Position among the filtered rows, from 0; the header is row 1 for assistive technology. */
  index: number
  /** Characters the permissions cell has room for. */
  chipBudget: number
  /** Ticked for a bulk action. */
  ticked: boolean
  /** The selected row: aria-selected, and the table's tab stop. */
  current: boolean
  /** Whether this row is the table's tab stop (the selected one, or the first shown). */
  tabStop: boolean
  onTick: (keyId: string, range: boolean) => void
}

/** One key. Memoized: scrolling re-renders only the rows that come into view. */
export const KeyRow = memo(function KeyRow({
  view,
  columns,
  capabilities,
  access,
  hasLocalCopy,
  updating,
  index,
  chipBudget,
  ticked,
  current,
  tabStop,
  onTick,
}: KeyRowProps) {
  const apiKey = view.key
  const expired = view.status === 'expired'
  const nameId = useId()

  function cell(column: KeyColumn) {
    switch (column) {
      case 'select':
        return (
          <td key={column} className="key-table__select">
            <input
              type="checkbox"
              className="checkbox"
              aria-label={`Select ${apiKey.name}`}
              checked={ticked}
              readOnly
              onClick={(event) => onTick(apiKey.id, event.shiftKey)}
            />
          </td>
        )
      case 'name':
        return (
          <th key={column} id={nameId} scope="row" className="key-table__name">
            {expired ? (
              <span className="key-row__warning" role="img" aria-label="Expired">
                <WarningIcon />
              </span>
            ) : null}
            <span className="key-table__name-text" title={apiKey.name}>
              {apiKey.name}
            </span>
          </th>
        )
      case 'key':
        return (
          <td key={column}>
            <code className="key-table__masked">{apiKey.maskedKey}</code>
          </td>
        )
      case 'permissions':
        return (
          <td key={column} className="key-table__permissions">
            {view.chips.length === 0 ? (
              <span className="key-table__none">—</span>
            ) : (
              <PermissionChips
                chips={view.chips}
                label={`${capabilities.permissionsLabel} of ${apiKey.name}`}
                budget={chipBudget}
              />
            )}
          </td>
        )
      case 'status':
        return (
          <td key={column}>
            <span className="key-table__status">
              <StatusBadge status={view.status} />
              {view.expiresSoon ? <Badge tone="warning">Expires soon</Badge> : null}
              <RotationDueBadge apiKey={apiKey} expired={expired} />
            </span>
          </td>
        )
      case 'expiry':
        return <DateCell key={column} iso={apiKey.expiresAt} />
      case 'notes':
        return (
          <td key={column} className="key-table__notes">
            {apiKey.notes ? (
              <span title={apiKey.notes}>{apiKey.notes}</span>
            ) : (
              <span className="key-table__none">—</span>
            )}
          </td>
        )
      case 'lastUsed':
        return <LastUsedCell key={column} iso={apiKey.lastUsedAt} at={view.lastUsedAt} />
      case 'actions':
        return (
          <td key={column} className="key-table__actions">
            <RowActions
              apiKey={apiKey}
              status={view.status}
              capabilities={capabilities}
              access={access}
              hasLocalCopy={hasLocalCopy}
              updating={updating}
              nameId={nameId}
            />
          </td>
        )
    }
  }

  return (
    <tr
      className={['key-row', expired ? 'key-row--expired' : '', current ? 'key-row--current' : ''].join(' ').trim()}
      data-key-id={apiKey.id}
      aria-rowindex={index + 2}
      aria-selected={current}
      tabIndex={tabStop ? 0 : -1}
    >
      {columns.map(cell)}
    </tr>
  )
})
