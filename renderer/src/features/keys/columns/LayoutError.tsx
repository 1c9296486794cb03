import { useTableLayoutStore } from '@renderer/stores/table-layout-store'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'

/** Says when the table's column layout could not be read or remembered, and what that means. */
export function LayoutError() {
  const failure = useTableLayoutStore((s) => s.error)
  const dismiss = useTableLayoutStore((s) => s.dismissError)
  if (!failure) return null
  const text =
    failure.action === 'read'
      ? `Your saved column layout could not be read, so the table shows the default columns: ${failure.error.message}`
      : `Your column layout could not be saved; it stays as it is until Keywarden closes: ${failure.error.message}`
  return <Alert action={<Button onClick={dismiss}>Dismiss</Button>}>{text}</Alert>
}
