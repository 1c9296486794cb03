import { useEffect, useId, useRef } from 'react'
import type { LocalAuditEntry } from '@shared/domain/key-lifecycle'
import { useExportStore } from '@renderer/stores/export-actions'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { Menu } from '@renderer/ui/Menu'
import { StatusMessage } from '@renderer/ui/StatusMessage'
import { ExportMessage } from '../ExportMessage'
import { useAuditLog } from '../hooks/use-audit-log'
import { KeyModal } from './KeyModal'

const actionLabels: Record<LocalAuditEntry['action'], string> = {
  created: 'Created',
  revealed: 'Revealed',
  updated: 'Updated',
  disabled: 'Disabled',
  enabled: 'Enabled',
  revoked: 'Revoked',
  rotated: 'Rotated',
  'kept-in-keychain': 'Kept in keychain',
  'revocation-failed': 'Revocation failed',
  'sudo-granted': 'Re-authenticated',
  'sudo-refused': 'Re-authentication refused',
  locked: 'Locked',
  unlocked: 'Unlocked',
}

const whenFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

function formatWhen(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : whenFormat.format(time)
}

/** "Audit log": this computer's record of key operations (never a key's value), newest first. */
export function AuditLogDialog() {
  const close = useKeyDialogs((s) => s.close)
  const titleId = useId()
  const { state, reload } = useAuditLog()
  const closeRef = useRef<HTMLButtonElement>(null)
  const exportAuditLog = useExportStore((s) => s.exportAuditLog)
  const exporting = useExportStore((s) => s.busy) !== null
  const exportBlocked = exporting
    ? 'An export is running.'
    : state.status === 'ready' && state.entries.length > 0
      ? null
      : 'Nothing recorded yet.'

  useEffect(() => {
    closeRef.current?.focus()
  }, [])

  return (
    <KeyModal labelledBy={titleId} className="modal--wide" onCancel={close} onClosed={close}>
      <div className="modal__body">
        <h2 id={titleId} className="modal__title">
          Audit log
        </h2>
        {state.status === 'loading' ? <StatusMessage>Loading the audit log…</StatusMessage> : null}
        {state.status === 'failed' ? (
          <Alert action={<Button onClick={reload}>Retry</Button>}>{state.error.message}</Alert>
        ) : null}
        {state.status === 'ready' && state.entries.length === 0 ? (
          <p className="keys__empty">Nothing recorded yet.</p>
        ) : null}
        {state.status === 'ready' && state.entries.length > 0 ? (
          <div className="table-scroll audit-log__scroll">
            <table className="key-table audit-log" aria-label="Audit log">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Profile</th>
                  <th scope="col">Action</th>
                  <th scope="col">Key</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {state.entries.map((entry, index) => (
                  <tr key={`${entry.at}-${entry.keyId}-${entry.action}-${index}`}>
                    <td className="key-table__date">
                      <time dateTime={entry.at}>{formatWhen(entry.at)}</time>
                    </td>
                    <td>{entry.actor}</td>
                    <td>{entry.profileName}</td>
                    <td>{actionLabels[entry.action] ?? entry.action}</td>
                    <td title={entry.keyId}>{entry.keyName}</td>
                    <td>{entry.detail ?? <span className="key-table__none">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <ExportMessage subject="audit" />
        <div className="modal__actions">
          <Menu
            label="Export"
            items={[
              {
                id: 'csv',
                label: 'Export audit log as CSV',
                onSelect: () => void exportAuditLog('csv'),
                disabledReason: exportBlocked,
              },
              {
                id: 'json',
                label: 'Export audit log as JSON',
                onSelect: () => void exportAuditLog('json'),
                disabledReason: exportBlocked,
              },
            ]}
          />
          <Button ref={closeRef} onClick={close}>
            Close
          </Button>
        </div>
      </div>
    </KeyModal>
  )
}
