import type { SessionState } from '@shared/domain/session'
import { IdentifyView } from '../features/identify/IdentifyView'
import { KeyTable } from '../features/keys/KeyTable'
import { AllProfilesView } from '../features/overview/AllProfilesView'
import { OverviewView } from '../features/overview/OverviewView'
import { useOverviewSync } from '../features/overview/use-overview-sync'
import { ViewNav } from '../features/overview/ViewNav'
import { profileEntry, useProfilesStore } from '../stores/profiles-store'
import { useSessionStore } from '../stores/session-store'
import { useViewStore } from '../stores/view-store'
import { Alert } from '../ui/Alert'
import { StatusMessage } from '../ui/StatusMessage'

/** Signed in, or (offline at start) signed out with the saved key list on screen. */
export function SignedInLayout({ session }: { session: SessionState }) {
  const error = useSessionStore((s) => s.error)
  const view = useViewStore((s) => s.view)
  // Main sends each profile's capabilities with the profile list; the table waits for them.
  const capabilities = useProfilesStore((s) => profileEntry(s.overview, session.profile.id)?.capabilities)
  useOverviewSync(session.profile.id)
  return (
    <main className="app-main">
      <ViewNav />
      {error ? <Alert>{error.message}</Alert> : null}
      {view === 'identify' ? (
        <IdentifyView />
      ) : !capabilities ? (
        <StatusMessage>Loading the profile…</StatusMessage>
      ) : view === 'overview' ? (
        <OverviewView key={session.profile.id} profileId={session.profile.id} />
      ) : view === 'all-profiles' ? (
        <AllProfilesView />
      ) : (
        // Keyed by profile so switching profiles starts a fresh table and a fresh load.
        <KeyTable key={session.profile.id} profileId={session.profile.id} capabilities={capabilities} />
      )}
    </main>
  )
}
