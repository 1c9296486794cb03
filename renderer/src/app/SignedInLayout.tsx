import type { SessionState } from '@shared/domain/session'
import { IdentifyView } from '../features/identify/IdentifyView'
import { KeyTable } from '../features/keys/KeyTable'
import { profileEntry, useProfilesStore } from '../stores/profiles-store'
import { useSessionStore } from '../stores/session-store'
import { useViewStore } from '../stores/view-store'
import { Alert } from '../ui/Alert'
import { Button } from '../ui/Button'
import { StatusMessage } from '../ui/StatusMessage'

/** Signed in, or (offline at start) signed out with the saved key list on screen. */
export function SignedInLayout({ session }: { session: SessionState }) {
  const error = useSessionStore((s) => s.error)
  const view = useViewStore((s) => s.view)
  const show = useViewStore((s) => s.show)
  // Main sends each profile's capabilities with the profile list; the table waits for them.
  const capabilities = useProfilesStore((s) => profileEntry(s.overview, session.profile.id)?.capabilities)
  return (
    <main className="app-main">
      <nav className="identify-nav" aria-label="Views">
        <Button
          variant={view === 'keys' ? 'primary' : 'quiet'}
          aria-current={view === 'keys' ? 'page' : undefined}
          onClick={() => show('keys')}
        >
          Keys
        </Button>
        <Button
          variant={view === 'identify' ? 'primary' : 'quiet'}
          aria-current={view === 'identify' ? 'page' : undefined}
          onClick={() => show('identify')}
        >
          Identify
        </Button>
      </nav>
      {error ? <Alert>{error.message}</Alert> : null}
      {view === 'identify' ? (
        <IdentifyView />
      ) : capabilities ? (
        // Keyed by profile so switching profiles starts a fresh table and a fresh load.
        <KeyTable key={session.profile.id} profileId={session.profile.id} capabilities={capabilities} />
      ) : (
        <StatusMessage>Loading the profile…</StatusMessage>
      )}
    </main>
  )
}
