import { useId, type ReactNode } from 'react'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import { useKeyAccessStore } from '../../stores/key-access-store'
import { useExportStore } from '../../stores/export-actions'
import { useKeysStore } from '../../stores/keys-store'
import { Button } from '../../ui/Button'
import { Menu } from '../../ui/Menu'
import { AccountSwitcher } from '../accounts/AccountSwitcher'
import { useKeyDialogs } from '../../stores/key-dialog-store'
import { ExportMessage } from './ExportMessage'
import { statusFilters, type StatusFilter } from './key-filter'

export interface KeyToolbarProps {
  capabilities: DialectCapabilities
  filterText: string
  onFilterText: (text: string) => void
  status: StatusFilter
  onStatus: (status: StatusFilter) => void
  /** "12 of 100,000 keys" when a filter hides some; null before the list is read. */
  count: { shown: number; total: number } | null
  /** The ids of the rows shown after filters, in their order (read only when exporting). */
  shownIds: () => readonly string[]
  /** The "Columns" menu button. */
  columnChooser?: ReactNode
}

const number = new Intl.NumberFormat()
const keysText = (n: number) => `${number.format(n)} ${n === 1 ? 'key' : 'keys'}`

export function KeyToolbar({
  capabilities,
  filterText,
  onFilterText,
  status,
  onStatus,
  count,
  shownIds,
  columnChooser,
}: KeyToolbarProps) {
  const loading = useKeysStore((s) => s.loading)
  const loadKeys = useKeysStore((s) => s.loadKeys)
  const access = useKeyAccessStore((s) => s.access)
  const accessError = useKeyAccessStore((s) => s.error)
  const open = useKeyDialogs((s) => s.open)
  const exportKeys = useExportStore((s) => s.exportKeys)
  const exporting = useExportStore((s) => s.busy) !== null
  const exportBlocked = exporting ? 'An export is running.' : count && count.shown > 0 ? null : 'No keys are shown.'
  const filterId = useId()
  const statusId = useId()

  return (
    <div className="keys__toolbar-group">
      <div className="keys__toolbar">
        <div className="keys__heading">
          <h2 id="keys-title" className="keys__title">
            API keys
          </h2>
          {capabilities.hasAccounts ? <AccountSwitcher label={capabilities.accountLabel ?? 'Account'} /> : null}
        </div>
        <div className="keys__buttons">
          {access?.canCreate ? (
            <Button variant="primary" onClick={() => open({ kind: 'create' })}>
              Add API key
            </Button>
          ) : null}
          <Button onClick={() => void loadKeys()} disabled={loading}>
            Refresh
          </Button>
          <Menu
            label="Export"
            items={[
              {
                id: 'csv',
                label: 'Export shown keys as CSV',
                onSelect: () => void exportKeys(shownIds(), 'csv'),
                disabledReason: exportBlocked,
              },
              {
                id: 'json',
                label: 'Export shown keys as JSON',
                onSelect: () => void exportKeys(shownIds(), 'json'),
                disabledReason: exportBlocked,
              },
            ]}
          />
          <Button onClick={() => open({ kind: 'audit' })}>Audit log</Button>
          <Button onClick={() => open({ kind: 'settings' })}>Settings</Button>
        </div>
      </div>

      <div className="keys__filters">
        <label className="visually-hidden" htmlFor={filterId}>
          Filter keys
        </label>
        <input
          id={filterId}
          className="input keys__filter"
          type="search"
          placeholder="Filter by name, key, notes or permission"
          value={filterText}
          onChange={(event) => onFilterText(event.target.value)}
        />
        <label className="keys__status-label" htmlFor={statusId}>
          Status
        </label>
        <select
          id={statusId}
          className="select"
          value={status}
          onChange={(event) => onStatus(event.target.value as StatusFilter)}
        >
          {statusFilters.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {columnChooser}
        {count ? (
          <span className="keys__count">
            {count.shown === count.total
              ? keysText(count.total)
              : `${number.format(count.shown)} of ${keysText(count.total)}`}
          </span>
        ) : null}
      </div>

      <ExportMessage subject="keys" />

      {accessError ? (
        <p className="keys__note">
          Your permissions here could not be read ({accessError.message}), so actions that change keys are hidden.
        </p>
      ) : access && !access.canCreate && access.reason ? (
        <p className="keys__note">{access.reason}</p>
      ) : null}
    </div>
  )
}
