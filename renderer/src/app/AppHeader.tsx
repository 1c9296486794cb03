import type { SessionState } from '../../../shared/domain/session'
import { useSessionStore } from '../stores/session-store'
import { Button } from '../ui/Button'

type SignedIn = Extract<SessionState, { status: 'signed-in' }>

export function AppHeader({ session }: { session: SignedIn }) {
  const pending = useSessionStore((s) => s.pending)
  const signOut = useSessionStore((s) => s.signOut)
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__product">Keywarden</span>
        <span className="app-header__profile">{session.profile.name}</span>
      </div>
      <div className="app-header__user">
        <span className="app-header__user-name">{session.user.name}</span>
        <Button onClick={() => void signOut()} disabled={pending === 'signing-out'}>
          Sign out
        </Button>
      </div>
    </header>
  )
}
