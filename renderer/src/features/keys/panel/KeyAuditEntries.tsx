import { useAuditLog } from '../hooks/use-audit-log'

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** This key's entries of the local audit log, newest first. */
export function KeyAuditEntries({ keyId }: { keyId: string }) {
  const { state } = useAuditLog()
  if (state.status === 'loading') return <p className="key-panel__muted">Reading the audit log…</p>
  if (state.status === 'failed')
    return <p className="key-panel__muted">The audit log could not be read: {state.error.message}</p>
  const entries = state.entries.filter((entry) => entry.keyId === keyId)
  if (entries.length === 0) return <p className="key-panel__muted">Nothing recorded for this key.</p>
  return (
    <ol className="key-panel__audit" aria-label="Audit log of this key">
      {entries.map((entry, index) => (
        <li key={`${entry.at}-${index}`}>
          <time dateTime={entry.at}>{when.format(Date.parse(entry.at))}</time> · {entry.action} by {entry.actor}
        </li>
      ))}
    </ol>
  )
}
