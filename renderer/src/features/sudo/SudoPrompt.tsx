import { useEffect, useRef, useState } from 'react'
import type { AppErrorData } from '@shared/domain/errors'
import { useMounted } from '@renderer/hooks/use-mounted'
import { cancelReauthentication, reauthenticate } from '@renderer/stores/sudo-actions'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { StatusMessage } from '@renderer/ui/StatusMessage'

/**
 * "Prove it is you": says why (the reason from main), then signs in again in the browser. The
 * action goes on only after main granted sudo mode; a cancel or a refusal leaves everything as it was.
 */
export function SudoPrompt({
  reason,
  onProved,
  onCancel,
}: {
  reason: string
  onProved: () => void
  onCancel: () => void
}) {
  const [waiting, setWaiting] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const mounted = useMounted()
  const startRef = useRef<HTMLButtonElement>(null)

  useEffect(() => startRef.current?.focus(), [])

  async function start() {
    setWaiting(true)
    setError(null)
    const result = await reauthenticate(true)
    if (!mounted.current) return
    setWaiting(false)
    if (result.ok) onProved()
    else if (result.error.code !== 'AUTH_CANCELLED') setError(result.error)
  }

  async function cancel() {
    if (waiting) await cancelReauthentication()
    onCancel()
  }

  return (
    <div className="sudo-prompt">
      <p>{reason}</p>
      <p>Sign in again in your browser to prove it is you. Nothing is shown or changed until you do.</p>
      {waiting ? <StatusMessage>Waiting for you to sign in again in your browser…</StatusMessage> : null}
      {error ? <Alert>{error.message}</Alert> : null}
      <div className="modal__actions">
        <Button onClick={() => void cancel()}>Cancel</Button>
        <Button ref={startRef} variant="primary" onClick={() => void start()} disabled={waiting}>
          Sign in again
        </Button>
      </div>
    </div>
  )
}
