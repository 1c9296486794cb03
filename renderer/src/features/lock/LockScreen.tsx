import { useEffect, useRef } from 'react'
import { useLockStore } from '@renderer/stores/lock-store'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { StatusMessage } from '@renderer/ui/StatusMessage'

/** Everything else is unmounted while this shows: no key, table or dialog stays in the DOM. */
export function LockScreen({ message }: { message: string }) {
  const { unlocking, error, held, unlock, cancelUnlock } = useLockStore()
  const unlockRef = useRef<HTMLButtonElement>(null)
  useEffect(() => unlockRef.current?.focus(), [])

  return (
    <main className="lock-screen" aria-labelledby="lock-title">
      <h1 id="lock-title">Keywarden is locked</h1>
      <p>{message}</p>
      <p>Sign in again in your browser to unlock. Scheduled revocations and reminders go on meanwhile.</p>
      {held ? <p>The new key “{held.key.name}” is shown again after you unlock.</p> : null}
      {unlocking ? <StatusMessage>Waiting for you to sign in again in your browser…</StatusMessage> : null}
      {error ? <Alert>{error.message}</Alert> : null}
      <div className="modal__actions">
        {unlocking ? <Button onClick={() => void cancelUnlock()}>Cancel</Button> : null}
        <Button ref={unlockRef} variant="primary" onClick={() => void unlock()} disabled={unlocking}>
          Unlock
        </Button>
      </div>
    </main>
  )
}
