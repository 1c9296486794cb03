import type { SessionState } from '../../../shared/domain/session'
import { KeyTable } from '../features/keys/KeyTable'
import { useSessionStore } from '../stores/session-store'
import { Alert } from '../ui/Alert'
import { AppHeader } from './AppHeader'

type SignedIn = Extract<SessionState, { status: 'signed-in' }>

export function SignedInLayout({ session }: { session: SignedIn }) {
  const error = useSessionStore((s) => s.error)
  return (
    <div className="app-shell">
      <AppHeader session={session} />
      <main className="app-main">
        {error ? <Alert>{error.message}</Alert> : null}
        {/* Keyed by profile so switching profiles starts a fresh table and a fresh load. */}
        <KeyTable key={session.profile.id} />
      </main>
    </div>
  )
}
