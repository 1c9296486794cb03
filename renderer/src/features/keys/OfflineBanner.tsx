import { useKeysStore } from '../../stores/keys-store'
import { useSessionStore } from '../../stores/session-store'
import { Button } from '../../ui/Button'
import './load-progress.css'

/** Says, while the list on screen is the saved copy and the server cannot be reached, that it is read-only and why. */
export function OfflineBanner() {
  const reason = useKeysStore((s) => s.readOnlyReason)
  const signedOut = useSessionStore((s) => s.session?.status === 'signed-out')
  const signIn = useSessionStore((s) => s.signIn)
  if (!reason) return null
  return (
    <div className="offline-banner" role="status">
      <span className="offline-banner__title">Offline, read-only.</span>
      <span>{reason}</span>
      {signedOut ? (
        <Button className="offline-banner__action" onClick={() => void signIn()}>
          Sign in
        </Button>
      ) : null}
    </div>
  )
}
