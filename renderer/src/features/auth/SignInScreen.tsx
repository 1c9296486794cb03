import type { SessionState } from '../../../../shared/domain/session'
import { useSessionStore } from '../../stores/session-store'
import { Alert } from '../../ui/Alert'
import { Button } from '../../ui/Button'
import { StatusMessage } from '../../ui/StatusMessage'
import { issuerHost } from './issuer-host'

type NotSignedIn = Extract<SessionState, { status: 'signed-out' | 'signing-in' }>

export function SignInScreen({ session }: { session: NotSignedIn }) {
  const pending = useSessionStore((s) => s.pending)
  const error = useSessionStore((s) => s.error)
  const signIn = useSessionStore((s) => s.signIn)
  const cancelSignIn = useSessionStore((s) => s.cancelSignIn)

  const waiting = session.status === 'signing-in' || pending === 'signing-in' || pending === 'cancelling'
  const lastError = session.status === 'signed-out' ? session.lastError : undefined
  const messages = [error?.message, lastError].filter((m): m is string => Boolean(m))
  const uniqueMessages = [...new Set(messages)]

  return (
    <main className="sign-in">
      <section className="sign-in__card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" className="sign-in__product">
          Keywarden
        </h1>
        <p className="sign-in__profile">
          {session.profile.name} · {issuerHost(session.profile.issuer)}
        </p>
        {!waiting && uniqueMessages.length > 0 ? (
          <Alert>
            {uniqueMessages.map((message) => (
              <span key={message} className="alert__line">
                {message}
              </span>
            ))}
          </Alert>
        ) : null}
        {waiting ? (
          <div className="sign-in__waiting">
            <StatusMessage>Waiting for you to finish signing in in your browser…</StatusMessage>
            <Button onClick={() => void cancelSignIn()} disabled={pending === 'cancelling'}>
              Cancel
            </Button>
          </div>
        ) : (
          <Button variant="primary" className="sign-in__button" onClick={() => void signIn()}>
            Sign in
          </Button>
        )}
      </section>
    </main>
  )
}
