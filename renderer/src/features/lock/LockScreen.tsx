import { ProofForm } from '@renderer/features/sudo/ProofForm'
import { useLockStore } from '@renderer/stores/lock-store'
import { Alert } from '@renderer/ui/Alert'

/** Everything else is unmounted while this shows: no key, table or dialog stays in the DOM. */
export function LockScreen({ message }: { message: string }) {
  const { error, held, unlock } = useLockStore()

  return (
    <main className="lock-screen" aria-labelledby="lock-title">
      <h1 id="lock-title">Keywarden is locked</h1>
      <p>{message}</p>
      <p>Prove it is you to unlock. Scheduled revocations and reminders go on meanwhile.</p>
      {held ? <p>The new key “{held.key.name}” is shown again after you unlock.</p> : null}
      {error ? <Alert>{error.message}</Alert> : null}
      <ProofForm submitLabel="Unlock" submit={unlock} />
    </main>
  )
}
