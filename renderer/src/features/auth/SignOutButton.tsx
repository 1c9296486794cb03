import { useEffect, useId, useRef, useState } from 'react'
import type { UnfinishedOperation } from '@shared/contracts/journal'
import type { AppErrorData } from '@shared/domain/errors'
import { useSessionStore } from '@renderer/stores/session-store'
import { discardUnfinished, listUnfinished } from '@renderer/stores/unfinished-actions'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { ModalDialog } from '@renderer/ui/ModalDialog'
import { UnfinishedLosses } from '../recovery/UnfinishedLosses'

/**
 * "Sign out". When the profile has unfinished operations (a create whose secret was never shown, a
 * rotation half done), it first says what signing out would lose and asks.
 */
export function SignOutButton({ profileId }: { profileId: string }) {
  const pending = useSessionStore((s) => s.pending)
  const signOut = useSessionStore((s) => s.signOut)
  const [unfinished, setUnfinished] = useState<UnfinishedOperation[] | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)

  async function request() {
    const result = await listUnfinished(profileId)
    if (result.ok && result.value.length > 0) setUnfinished(result.value)
    else await signOut()
  }

  async function signOutAnyway() {
    const discarded = await discardUnfinished(profileId)
    if (!discarded.ok) {
      setError(discarded.error)
      return
    }
    setUnfinished(null)
    await signOut()
  }

  return (
    <>
      <Button onClick={() => void request()} disabled={pending === 'signing-out'}>
        Sign out
      </Button>
      {unfinished ? (
        <SignOutConfirm
          unfinished={unfinished}
          error={error}
          onBack={() => setUnfinished(null)}
          onConfirm={() => void signOutAnyway()}
        />
      ) : null}
    </>
  )
}

function SignOutConfirm({
  unfinished,
  error,
  onBack,
  onConfirm,
}: {
  unfinished: UnfinishedOperation[]
  error: AppErrorData | null
  onBack: () => void
  onConfirm: () => void
}) {
  const titleId = useId()
  const textId = useId()
  const backRef = useRef<HTMLButtonElement>(null)
  useEffect(() => backRef.current?.focus(), [])
  return (
    <ModalDialog
      labelledBy={titleId}
      describedBy={textId}
      role="alertdialog"
      className="modal--narrow"
      onCancel={onBack}
      onClosed={onBack}
    >
      <div className="modal__body">
        <h2 id={titleId} className="modal__title">
          Sign out with unfinished operations?
        </h2>
        <div id={textId}>
          <UnfinishedLosses unfinished={unfinished} />
        </div>
        {error ? <Alert>{error.message}</Alert> : null}
        <div className="modal__actions">
          <Button ref={backRef} onClick={onBack}>
            Stay signed in
          </Button>
          <Button variant="danger" onClick={onConfirm}>
            Sign out anyway
          </Button>
        </div>
      </div>
    </ModalDialog>
  )
}
