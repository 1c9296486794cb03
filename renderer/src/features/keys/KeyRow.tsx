import { memo, useId } from 'react'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import type { KeyAccess } from '@shared/domain/key-lifecycle'
import { Badge } from '../../ui/Badge'
import { WarningIcon } from '../../ui/WarningIcon'
import { DateCell } from './DateCell'
import type { KeyColumn } from './key-columns'
import type { KeyView } from './key-filter'
import { LastUsedCell } from './LastUsedCell'
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
}: KeyRowProps) {
  const apiKey = view.key
  const expired = view.status === 'expired'
  const nameId = useId()

  function cell(column: KeyColumn) {
    switch (column) {
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
      case 'permissions': {
        const chips = view.chips
        return (
          <td key={column} className="key-table__permissions">
            {chips.length === 0 ? (
              <span className="key-table__none">—</span>
            ) : (
              <ul
                className="chip-list"
                aria-label={`${capabilities.permissionsLabel} of ${apiKey.name}`}
                title={chips.map((chip) => chip.text).join(', ')}
              >
                {chips.map((chip) => (
                  <li key={chip.key}>
                    <Badge tone="chip" title={chip.title}>
                      {chip.text}
                    </Badge>
                  </li>
                ))}
              </ul>
            )}
          </td>
        )
      }
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
    <tr className={expired ? 'key-row key-row--expired' : 'key-row'} data-key-id={apiKey.id} aria-rowindex={index + 2}>
      {columns.map(cell)}
    </tr>
  )
})
