import type { SessionState } from '@shared/domain/session'
import { SignInScreen } from '../features/auth/SignInScreen'
import { useProfilesStore } from '../stores/profiles-store'
import { Alert } from '../ui/Alert'
import { AppHeader } from './AppHeader'
import { SignedInLayout } from './SignedInLayout'

/** The header over the shown profile's screen: its key table, or its sign-in. */
export function AppShell({ session }: { session: SessionState }) {
  const profilesError = useProfilesStore((s) => s.error)
  return (
    <div className="app-shell">
      <AppHeader session={session} />
      {profilesError ? (
        <div className="app-banner">
          <Alert>{profilesError.message}</Alert>
        </div>
      ) : null}
      {session.status === 'signed-in' ? <SignedInLayout session={session} /> : <SignInScreen session={session} />}
    </div>
  )
}
