import type { SignedInUser } from '@shared/domain/session'
import { accountLabel } from './account-label'

/** Who the shown profile is signed in as, on every signed-in screen. */
export function SignedInAs({ user }: { user: SignedInUser }) {
  return (
    <span className="app-header__user-name">
      Signed in as <strong>{accountLabel(user)}</strong>
    </span>
  )
}
