import type { SessionState } from '@shared/domain/session'
import { KeyTable } from '../features/keys/KeyTable'
import { profileEntry, useProfilesStore } from '../stores/profiles-store'
import { useSessionStore } from '../stores/session-store'
import { Alert } from '../ui/Alert'
import { StatusMessage } from '../ui/StatusMessage'

/** Signed in, or (offline at start) signed out with the saved key list on screen. */
export function SignedInLayout({ session }: { session: SessionState }) {
  const error = useSessionStore((s) => s.error)
  // Main sends each profile's capabilities with the profile list; the table waits for them.
  const capabilities = useProfilesStore((s) => profileEntry(s.overview, session.profile.id)?.capabilities)
  return (
    <main className="app-main">
      {error ? <Alert>{error.message}</Alert> : null}
      {capabilities ? (
        // Keyed by profile so switching profiles starts a fresh table and a fresh load.
        <KeyTable key={session.profile.id} profileId={session.profile.id} capabilities={capabilities} />
      ) : (
        <StatusMessage>Loading the profile…</StatusMessage>
      )}
    </main>
  )
}
