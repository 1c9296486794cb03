import type { SessionState } from '@shared/domain/session'
import { SignInScreen } from '../features/auth/SignInScreen'
import { useKeysStore } from '../stores/keys-store'
import { profileEntry, useProfilesStore } from '../stores/profiles-store'
import { Alert } from '../ui/Alert'
import { AppHeader } from './AppHeader'
import { SignedInLayout } from './SignedInLayout'

/** The header over the shown profile's screen: its key table, or its sign-in. */
export function AppShell({ session }: { session: SessionState }) {
  const profilesError = useProfilesStore((s) => s.error)
  const offline = useProfilesStore((s) => profileEntry(s.overview, session.profile.id)?.status === 'offline')
  const keysFailed = useKeysStore((s) => s.error !== null)
  // Its server unreachable at start: the saved key list, read-only; the sign-in when there is none.
  const savedList = session.status === 'signed-out' && offline && !keysFailed
  return (
    <div className="app-shell">
      <AppHeader session={session} />
      {profilesError ? (
        <div className="app-banner">
          <Alert>{profilesError.message}</Alert>
        </div>
      ) : null}
      {session.status === 'signed-in' || savedList ? (
        <SignedInLayout session={session} />
      ) : (
        <SignInScreen session={session} />
      )}
    </div>
  )
}
