import type { SessionState } from '@shared/domain/session'
import { SignedInAs } from '../features/auth/SignedInAs'
import { SignOutButton } from '../features/auth/SignOutButton'
import { useProfileDialogStore } from '../stores/profile-dialog-store'
import { useViewStore } from '../stores/view-store'
import { ProfileSwitcher } from '../features/profiles/ProfileSwitcher'
import { Button } from '../ui/Button'

/** On every screen with a session: the profile switcher and "Manage profiles"; the user when signed in. */
export function AppHeader({ session }: { session: SessionState }) {
  const openProfiles = useProfileDialogStore((s) => s.openList)
  const showView = useViewStore((s) => s.show)
  return (
    <header className="app-header">
      <div className="app-header__brand">
        {/* The page's one h1 while signed in; the sign-in screen carries its own. */}
        {session.status === 'signed-in' ? (
          <h1 className="app-header__product">Keywarden</h1>
        ) : (
          <span className="app-header__product">Keywarden</span>
        )}
        <ProfileSwitcher session={session} />
        <Button variant="quiet" onClick={openProfiles}>
          Manage profiles
        </Button>
      </div>
      {session.status === 'signed-in' ? (
        <div className="app-header__user">
          <SignedInAs user={session.user} />
          <SignOutButton profileId={session.profile.id} />
        </div>
      ) : (
        // Signed out, Identify still lists the values it finds with their format (the nav is not shown).
        <div className="app-header__user">
          <Button variant="quiet" onClick={() => showView('identify')}>
            Identify a key
          </Button>
        </div>
      )}
    </header>
  )
}
