import { useEffect, useId, useRef, useState } from 'react'
import type { AppErrorData } from '../../../../../shared/domain/errors'
import type { LocalAuditEntry } from '../../../../../shared/domain/key-lifecycle'
import { invoke } from '../../../ipc/bridge'
import { Alert } from '../../../ui/Alert'
import { Button } from '../../../ui/Button'
import { StatusMessage } from '../../../ui/StatusMessage'
import { useKeyDialogs } from './key-dialog-store'
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
}

const whenFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

function formatWhen(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : whenFormat.format(time)
}

type LogState = { status: 'loading' } | { status: 'ready'; entries: LocalAuditEntry[] } | { status: 'failed'; error: AppErrorData }

/** "Audit log": this computer's record of key operations (never a key's value), newest first. */
export function AuditLogDialog() {
  const close = useKeyDialogs((s) => s.close)
  const titleId = useId()
  const [state, setState] = useState<LogState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const closeRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    closeRef.current?.focus()
  }, [])

  useEffect(() => {
    let current = true
    setState({ status: 'loading' })
    void invoke('listAuditLog').then((result) => {
      if (!current) return
      if (result.ok) {
        const entries = [...result.value].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
        setState({ status: 'ready', entries })
      } else setState({ status: 'failed', error: result.error })
    })
    return () => {
      current = false
    }
  }, [attempt])

  return (
    <KeyModal labelledBy={titleId} className="modal--wide" onCancel={close} onClosed={close}>
      <div className="modal__body">
        <h2 id={titleId} className="modal__title">
          Audit log
        </h2>
        {state.status === 'loading' ? <StatusMessage>Loading the audit log…</StatusMessage> : null}
        {state.status === 'failed' ? (
          <Alert action={<Button onClick={() => setAttempt((n) => n + 1)}>Retry</Button>}>{state.error.message}</Alert>
        ) : null}
        {state.status === 'ready' && state.entries.length === 0 ? <p className="keys__empty">Nothing recorded yet.</p> : null}
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
        <div className="modal__actions">
          <Button ref={closeRef} onClick={close}>
            Close
          </Button>
        </div>
      </div>
    </KeyModal>
  )
}
