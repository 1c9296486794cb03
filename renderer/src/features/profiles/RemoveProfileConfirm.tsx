import { useEffect, useRef, useState } from 'react'
import type { AppErrorData } from '@shared/domain/errors'
import type { ProfileSummary } from '@shared/domain/profile'
import { useMounted } from '../../hooks/use-mounted'
import { useProfilesStore } from '../../stores/profiles-store'
import { Alert } from '../../ui/Alert'
import { Button } from '../../ui/Button'
import { useProfileDialogStore } from '../../stores/profile-dialog-store'

/** Asks before removing a profile, naming it; focus starts on Cancel, the harmless answer. */
export function RemoveProfileConfirm({
  titleId,
  descriptionId,
  profile,
}: {
  titleId: string
  descriptionId: string
  profile: ProfileSummary
}) {
  const removeProfile = useProfilesStore((s) => s.removeProfile)
  const back = useProfileDialogStore((s) => s.back)
  const openList = useProfileDialogStore((s) => s.openList)
  const [removing, setRemoving] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const mounted = useMounted()

  useEffect(() => {
    cancelRef.current?.focus()
  }, [])

  async function remove() {
    setRemoving(true)
    setError(null)
    const result = await removeProfile(profile.id)
    if (!mounted.current) return
    setRemoving(false)
    if (result.ok) openList()
    else setError(result.error)
  }

  return (
    <div className="modal__body">
      <h2 id={titleId} className="modal__title">
        Remove profile
      </h2>
      <p id={descriptionId}>Remove profile “{profile.name}”? Its keychain entries are deleted.</p>
      {error ? <Alert>{error.message}</Alert> : null}
      <div className="modal__actions">
        <Button ref={cancelRef} onClick={back}>
          Cancel
        </Button>
        <Button variant="danger" onClick={() => void remove()} disabled={removing}>
          Remove
        </Button>
      </div>
    </div>
  )
}
