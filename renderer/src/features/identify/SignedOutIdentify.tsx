import { useViewStore } from '@renderer/stores/view-store'
import { Button } from '@renderer/ui/Button'
import { IdentifyView } from './IdentifyView'

/**
 * Identify while no profile is signed in: candidates are listed with their format and marked
 * unknown, and the result says to sign in to name them. "Back to sign-in" returns to the profile's screen.
 */
export function SignedOutIdentify() {
  const show = useViewStore((s) => s.show)
  return (
    <main className="app-main">
      {/* The page's one h1: the header shows the product name as plain text while signed out. */}
      <h1 className="visually-hidden">Keywarden: identify a key</h1>
      <div className="identify-signed-out__bar">
        <Button onClick={() => show('keys')}>Back to sign-in</Button>
        <p className="identify-note">
          No profile is signed in here: found values are listed with their format only. Sign in to name them.
        </p>
      </div>
      <IdentifyView />
    </main>
  )
}
