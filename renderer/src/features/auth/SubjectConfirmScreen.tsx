import type { SessionState } from '@shared/domain/session'
import { useSessionStore } from '../../stores/session-store'
import { Alert } from '../../ui/Alert'
import { AlertLines } from '../../ui/AlertLines'
import { Button } from '../../ui/Button'
import { SignOutButton } from './SignOutButton'
import { accountLabel } from './account-label'

type ConfirmSubject = Extract<SessionState, { status: 'confirm-subject' }>

/**
 * A sign-in ended as another account than the profile's last one (someone else may have completed
 * the sign-in page): the user says whether to go on, before any key is shown.
 */
export function SubjectConfirmScreen({ session }: { session: ConfirmSubject }) {
  const pending = useSessionStore((s) => s.pending)
  const error = useSessionStore((s) => s.error)
  const confirmSubject = useSessionStore((s) => s.confirmSubject)
  const busy = pending === 'confirming' || pending === 'signing-out'

  return (
    <main className="sign-in">
      <section className="sign-in__card" aria-labelledby="confirm-subject-title">
        <h1 id="confirm-subject-title" className="sign-in__product">
          Confirm the account
        </h1>
        <p className="sign-in__profile">{session.profile.name}</p>
        <Alert>
          This profile was signed in as {accountLabel(session.previousUser)}; this sign-in is{' '}
          {accountLabel(session.user)}.
        </Alert>
        <p>
          If you did not just sign in as {session.user.name}, sign out: someone else may have completed the sign-in
          page.
        </p>
        <AlertLines lines={error ? [error.message] : []} />
        <Button
          variant="primary"
          className="sign-in__button"
          onClick={() => void confirmSubject(session.user.subject)}
          disabled={busy}
        >
          Continue as {session.user.name}
        </Button>
        {/* The same Sign out as the header's: unfinished operations are named and asked about first. */}
        <SignOutButton profileId={session.profile.id} />
      </section>
    </main>
  )
}
