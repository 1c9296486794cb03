import type { SessionState } from '../../../shared/domain/session'
import { KeyTable } from '../features/keys/KeyTable'
import { profileEntry, useProfilesStore } from '../stores/profiles-store'
import { useSessionStore } from '../stores/session-store'
import { Alert } from '../ui/Alert'

type SignedIn = Extract<SessionState, { status: 'signed-in' }>

export function SignedInLayout({ session }: { session: SignedIn }) {
  const error = useSessionStore((s) => s.error)
  const overview = useProfilesStore((s) => s.overview)
  // BRIDGE (the renderer helper replaces this): main sends each profile's capabilities with the list; wait for it.
  const capabilities = profileEntry(overview, session.profile.id)?.capabilities
  if (!capabilities) return <main className="app-main" aria-busy="true" />
  return (
    <main className="app-main">
      {error ? <Alert>{error.message}</Alert> : null}
      {/* Keyed by profile so switching profiles starts a fresh table and a fresh load. */}
      <KeyTable key={session.profile.id} profileId={session.profile.id} capabilities={capabilities} />
    </main>
  )
}
