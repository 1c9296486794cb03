import { useId } from 'react'
import { useProfilesStore } from '../../stores/profiles-store'
import { Button } from '../../ui/Button'
import { ModalDialog } from '../../ui/ModalDialog'
import { useProfileDialogStore } from '../../stores/profile-dialog-store'
import { ProfileForm } from './ProfileForm'
import { ProfileList } from './ProfileList'
import { RemoveProfileConfirm } from './RemoveProfileConfirm'

/**
 * One modal for managing profiles. Its views (list, add/edit form, remove confirmation) replace each
 * other inside the same <dialog>, which is named by the current view's heading.
 */
export function ProfilesDialog() {
  const view = useProfileDialogStore((s) => s.view)
  const back = useProfileDialogStore((s) => s.back)
  const close = useProfileDialogStore((s) => s.close)
  const overview = useProfilesStore((s) => s.overview)
  const titleId = useId()
  const descriptionId = useId()

  if (view === null) return null

  const profile =
    view.kind === 'form' ? overview?.profiles.find((e) => e.profile.id === view.profileId)?.profile : undefined

  return (
    <ModalDialog
      labelledBy={titleId}
      describedBy={view.kind === 'remove' ? descriptionId : undefined}
      role={view.kind === 'remove' ? 'alertdialog' : 'dialog'}
      className={view.kind === 'remove' ? 'modal--narrow' : undefined}
      onCancel={back}
      onClosed={close}
    >
      {view.kind === 'list' ? <ProfileList titleId={titleId} returnFocusTo={view.returnFocusTo} /> : null}
      {view.kind === 'form' && (view.profileId === null || profile) ? (
        // Keyed so switching from one profile's form to another's starts from that profile's values.
        <ProfileForm key={view.profileId ?? 'new'} titleId={titleId} profile={profile ?? null} />
      ) : null}
      {view.kind === 'remove' ? (
        <RemoveProfileConfirm titleId={titleId} descriptionId={descriptionId} profile={view.profile} />
      ) : null}
      {view.kind === 'form' && view.profileId !== null && !profile ? <GoneNotice titleId={titleId} /> : null}
    </ModalDialog>
  )
}

/** The profile was removed elsewhere (or is not listed yet) while its form was open. */
function GoneNotice({ titleId }: { titleId: string }) {
  const back = useProfileDialogStore((s) => s.back)
  return (
    <div className="modal__body">
      <h2 id={titleId} className="modal__title">
        Edit profile
      </h2>
      <p>This profile is not in the list of profiles any more.</p>
      <div className="modal__actions">
        <Button onClick={back}>Close</Button>
      </div>
    </div>
  )
}
