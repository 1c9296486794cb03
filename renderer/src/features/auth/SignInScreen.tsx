import type { SessionState } from '@shared/domain/session'
import { useSessionStore } from '../../stores/session-store'
import { useProfileDialogStore } from '../../stores/profile-dialog-store'
import { AlertLines } from '../../ui/AlertLines'
import { Button } from '../../ui/Button'
import { StatusMessage } from '../../ui/StatusMessage'
import { signInTarget } from './sign-in-target'
import { SubjectConfirmScreen } from './SubjectConfirmScreen'

type NotSignedIn = Exclude<SessionState, { status: 'signed-in' }>

/** Every screen of a profile that is not (yet) signed in, a sign-in waiting for its account to be confirmed included. */
export function SignInScreen({ session }: { session: NotSignedIn }) {
  if (session.status === 'confirm-subject') return <SubjectConfirmScreen session={session} />
  return <SignInCard session={session} />
}

function SignInCard({ session }: { session: Exclude<NotSignedIn, { status: 'confirm-subject' }> }) {
  const pending = useSessionStore((s) => s.pending)
  const error = useSessionStore((s) => s.error)
  const signIn = useSessionStore((s) => s.signIn)
  const cancelSignIn = useSessionStore((s) => s.cancelSignIn)
  const editProfile = useProfileDialogStore((s) => s.openEdit)

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
          {session.profile.name} · {signInTarget(session.profile)}
        </p>
        {!waiting ? <AlertLines lines={uniqueMessages} /> : null}
        {waiting ? (
          <div className="sign-in__waiting">
            <StatusMessage>
              {session.profile.auth.kind === 'oauth'
                ? 'Waiting for you to finish signing in in your browser…'
                : 'Signing in with the API key…'}
            </StatusMessage>
            <Button onClick={() => void cancelSignIn()} disabled={pending === 'cancelling'}>
              Cancel
            </Button>
          </div>
        ) : (
          <>
            <Button variant="primary" className="sign-in__button" onClick={() => void signIn()}>
              Sign in
            </Button>
            {/* A wrong issuer or client id is fixed here, without hunting for it in the list. */}
            <Button variant="quiet" onClick={() => editProfile(session.profile.id)}>
              Edit this profile
            </Button>
          </>
        )}
      </section>
    </main>
  )
}
