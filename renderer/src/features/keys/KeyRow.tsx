import type { ApiKey } from '../../../../shared/domain/api-key'
import { Badge } from '../../ui/Badge'
import { WarningIcon } from '../../ui/WarningIcon'
import { DateCell } from './DateCell'
import { displayedStatus } from './displayed-status'
import { StatusBadge } from './StatusBadge'

export function KeyRow({ apiKey, now }: { apiKey: ApiKey; now: Date }) {
  const status = displayedStatus(apiKey, now)
  const expired = status === 'expired'
  return (
    <tr className={expired ? 'key-row key-row--expired' : 'key-row'} data-key-id={apiKey.id}>
      <th scope="row" className="key-table__name">
        {expired ? (
          <span className="key-row__warning" role="img" aria-label="Expired">
            <WarningIcon />
          </span>
        ) : null}
        {apiKey.name}
      </th>
      <td>
        <code className="key-table__masked">{apiKey.maskedKey}</code>
      </td>
      <td>
        {apiKey.permissions.length === 0 ? (
          <span className="key-table__none">—</span>
        ) : (
          <ul className="chip-list" aria-label={`Scopes of ${apiKey.name}`}>
            {apiKey.permissions.map((permission) => (
              <li key={permission}>
                <Badge tone="chip">{permission}</Badge>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <StatusBadge status={status} />
      </td>
      <DateCell iso={apiKey.expiresAt} />
      <DateCell iso={apiKey.createdAt} />
    </tr>
  )
}
