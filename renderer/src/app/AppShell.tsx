import type { SessionState } from '@shared/domain/session'
import { SignInScreen } from '../features/auth/SignInScreen'
import { SignedOutIdentify } from '../features/identify/SignedOutIdentify'
import { useKeysStore } from '../stores/keys-store'
import { profileEntry, useProfilesStore } from '../stores/profiles-store'
import { useViewStore } from '../stores/view-store'
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
  // Identify works signed out too (values are listed with their format, unnamed); the header opens it.
  const identifying = useViewStore((s) => s.view === 'identify')
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
      ) : identifying && session.status !== 'confirm-subject' ? (
        <SignedOutIdentify />
      ) : (
        <SignInScreen session={session} />
      )}
    </div>
  )
}
