import { useEffect, useRef, useState } from 'react'
import type { AppErrorData } from '@shared/domain/errors'
import type { UnfinishedOperation } from '@shared/contracts/journal'
import type { ProfileSummary } from '@shared/domain/profile'
import { discardUnfinished, listUnfinished } from '@renderer/stores/unfinished-actions'
import { useMounted } from '../../hooks/use-mounted'
import { useProfilesStore } from '../../stores/profiles-store'
import { Alert } from '../../ui/Alert'
import { Button } from '../../ui/Button'
import { useProfileDialogStore } from '../../stores/profile-dialog-store'
import { UnfinishedLosses } from '../recovery/UnfinishedLosses'

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
  // Unfinished operations of this profile (the journal): removing it loses them, so they are named first.
  const [unfinished, setUnfinished] = useState<UnfinishedOperation[]>([])

  useEffect(() => {
    cancelRef.current?.focus()
    void listUnfinished(profile.id).then((result) => {
      if (result.ok && mounted.current) setUnfinished(result.value)
    })
  }, [profile.id, mounted])

  async function remove() {
    setRemoving(true)
    setError(null)
    if (unfinished.length > 0) {
      const discarded = await discardUnfinished(profile.id)
      if (!discarded.ok) {
        if (mounted.current) setRemoving(false)
        setError(discarded.error)
        return
      }
    }
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
      <div id={descriptionId}>
        <p>Remove profile “{profile.name}”? Its keychain entries are deleted.</p>
        <UnfinishedLosses unfinished={unfinished} />
      </div>
      {error ? <Alert>{error.message}</Alert> : null}
      <div className="modal__actions">
        <Button ref={cancelRef} onClick={back}>
          Cancel
        </Button>
        <Button variant="danger" onClick={() => void remove()} disabled={removing}>
          {unfinished.length > 0 ? 'Remove anyway' : 'Remove'}
        </Button>
      </div>
    </div>
  )
}
