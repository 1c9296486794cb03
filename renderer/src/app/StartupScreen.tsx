import { useSessionStore } from '../stores/session-store'
import { Alert } from '../ui/Alert'
import { Button } from '../ui/Button'
import { StatusMessage } from '../ui/StatusMessage'

/** Shown until the first session arrives: a quiet "Loading…", or why it did not come. */
export function StartupScreen() {
  const error = useSessionStore((s) => s.error)
  const pending = useSessionStore((s) => s.pending)
  const loadSession = useSessionStore((s) => s.loadSession)
  return (
    <main className="startup">
      {error && pending !== 'loading' ? (
        <Alert action={<Button onClick={() => void loadSession()}>Retry</Button>}>{error.message}</Alert>
      ) : (
        <StatusMessage>Loading…</StatusMessage>
      )}
    </main>
  )
}
