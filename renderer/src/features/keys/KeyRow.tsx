import type { ApiKey } from '../../../../shared/domain/api-key'
import type { DialectCapabilities } from '../../../../shared/domain/capabilities'
import { Badge } from '../../ui/Badge'
import { WarningIcon } from '../../ui/WarningIcon'
import { DateCell } from './DateCell'
import { displayedStatus } from './displayed-status'
import type { KeyColumn } from './key-columns'
import { permissionChips } from './permission-chips'
import { StatusBadge } from './StatusBadge'

export interface KeyRowProps {
  apiKey: ApiKey
  columns: readonly KeyColumn[]
  capabilities: Pick<DialectCapabilities, 'permissionsLabel'>
  now: Date
}

export function KeyRow({ apiKey, columns, capabilities, now }: KeyRowProps) {
  const status = displayedStatus(apiKey, now)
  const expired = status === 'expired'

  function cell(column: KeyColumn) {
    switch (column) {
      case 'name':
        return (
          <th key={column} scope="row" className="key-table__name">
            {expired ? (
              <span className="key-row__warning" role="img" aria-label="Expired">
                <WarningIcon />
              </span>
            ) : null}
            {apiKey.name}
          </th>
        )
      case 'key':
        return (
          <td key={column}>
            <code className="key-table__masked">{apiKey.maskedKey}</code>
          </td>
        )
      case 'permissions': {
        const chips = permissionChips(apiKey)
        return (
          <td key={column}>
            {chips.length === 0 ? (
              <span className="key-table__none">—</span>
            ) : (
              <ul className="chip-list" aria-label={`${capabilities.permissionsLabel} of ${apiKey.name}`}>
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
            <StatusBadge status={status} />
          </td>
        )
      case 'expiry':
        return <DateCell key={column} iso={apiKey.expiresAt} />
      case 'notes':
        return (
          <td key={column} className="key-table__notes">
            {apiKey.notes ? <span title={apiKey.notes}>{apiKey.notes}</span> : <span className="key-table__none">—</span>}
          </td>
        )
      case 'lastUsed':
        return <DateCell key={column} iso={apiKey.lastUsedAt} empty="Never" />
      case 'created':
        return <DateCell key={column} iso={apiKey.createdAt} />
    }
  }

  return (
    <tr className={expired ? 'key-row key-row--expired' : 'key-row'} data-key-id={apiKey.id}>
      {columns.map(cell)}
    </tr>
  )
}
