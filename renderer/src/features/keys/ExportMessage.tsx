import { useExportStore, type ExportSubject } from '../../stores/export-actions'
import { Alert } from '../../ui/Alert'
import { Button } from '../../ui/Button'

/** How the last export of `subject` went: the rows written, a cancel, or the error. */
export function ExportMessage({ subject }: { subject: ExportSubject }) {
  const busy = useExportStore((s) => s.busy)
  const message = useExportStore((s) => s.message)
  const dismiss = useExportStore((s) => s.dismiss)
  if (busy === subject)
    return (
      <p className="status-message" role="status">
        Exporting…
      </p>
    )
  if (message?.subject !== subject) return null
  if (message.kind === 'error') return <Alert action={<Button onClick={dismiss}>Dismiss</Button>}>{message.text}</Alert>
  return (
    <p className="status-message export-message" role="status">
      {message.text}
    </p>
  )
}
