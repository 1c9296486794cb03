import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { AppErrorData, Result } from '@shared/domain/errors'
import type { SudoMethod, SudoProofInput } from '@shared/domain/sudo'
import { useMounted } from '@renderer/hooks/use-mounted'
import { cancelReauthentication, loadSudoMethod } from '@renderer/stores/sudo-actions'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { CheckboxField } from '@renderer/ui/CheckboxField'
import { StatusMessage } from '@renderer/ui/StatusMessage'
import { TextField } from '@renderer/ui/TextField'

type Step = 'os' | 'browser' | 'api-secret'

function firstStep(method: SudoMethod): Step {
  return method.kind === 'os' ? 'os' : method.kind
}

/**
 * How the user proves it is them, as main says this profile can here: the OS's verification
 * (Touch ID) first where there is one, else a sign-in in the browser (OAuth) or the API secret
 * typed again (API-key profiles). The typed secret lives only in this form and is cleared after use.
 */
export function ProofForm({
  submit,
  submitLabel,
  onCancel,
}: {
  submit: (proof: SudoProofInput) => Promise<Result<unknown>>
  submitLabel: string
  onCancel?: () => void
}) {
  const [method, setMethod] = useState<SudoMethod | null>(null)
  const [step, setStep] = useState<Step | null>(null)
  const [apiSecret, setApiSecret] = useState('')
  // OAuth: max_age=0 already asks for a sign-in made now; prompt=login also when the user asks for it.
  const [fullSignIn, setFullSignIn] = useState(false)
  const [waiting, setWaiting] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const mounted = useMounted()
  const startRef = useRef<HTMLButtonElement>(null)
  const secretRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    void loadSudoMethod().then((result) => {
      if (!mounted.current) return
      if (!result.ok) {
        setError(result.error)
        return
      }
      setMethod(result.value)
      setStep(firstStep(result.value))
    })
  }, [mounted])
  useEffect(() => (step === 'api-secret' ? secretRef : startRef).current?.focus(), [step])

  async function prove(event?: FormEvent) {
    event?.preventDefault()
    if (!step) return
    setWaiting(true)
    setError(null)
    const proof: SudoProofInput =
      step === 'api-secret'
        ? { forceLogin: true, useServer: true, apiSecret }
        : { forceLogin: step === 'browser' && fullSignIn, useServer: step !== 'os' }
    const result = await submit(proof)
    if (!mounted.current) return
    setWaiting(false)
    setApiSecret('')
    if (!result.ok && result.error.code !== 'AUTH_CANCELLED') setError(result.error)
  }

  async function cancel() {
    if (waiting && step === 'browser') await cancelReauthentication()
    onCancel?.()
  }

  const useServer = () => {
    if (method?.kind !== 'os') return
    setError(null)
    setStep(method.serverFallback)
  }

  const note = method && method.kind !== 'os' ? <p className="proof-form__note">{method.osNote}</p> : null
  return (
    <form className="proof-form" onSubmit={(event) => void prove(event)}>
      {step === 'os' && method?.kind === 'os' ? (
        <p>Confirm with {method.label} that it is you. Nothing is shown or changed until you do.</p>
      ) : null}
      {step === 'browser' ? (
        <>
          <p>Sign in again in your browser to prove it is you. Nothing is shown or changed until you do.</p>
          <CheckboxField
            label="Full sign-in"
            hint="Asks the sign-in server for your password even if it would reuse a recent sign-in or single sign-on (prompt=login). Without it, the server is still asked for a sign-in made now (max_age=0)."
            checked={fullSignIn}
            disabled={waiting}
            onChange={setFullSignIn}
          />
        </>
      ) : null}
      {step === 'api-secret' ? (
        <>
          <p>Enter this profile’s API secret; the server checks it. Nothing is shown or changed until it does.</p>
          <TextField
            label="API secret"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={apiSecret}
            onChange={setApiSecret}
            ref={secretRef}
            required
          />
        </>
      ) : null}
      {note}
      {waiting && step === 'browser' ? (
        <StatusMessage>Waiting for you to sign in again in your browser…</StatusMessage>
      ) : null}
      {waiting && step === 'os' && method?.kind === 'os' ? (
        <StatusMessage>Waiting for {method.label}…</StatusMessage>
      ) : null}
      {error ? <Alert>{error.message}</Alert> : null}
      <div className="modal__actions">
        {onCancel || (waiting && step === 'browser') ? (
          <Button type="button" onClick={() => void cancel()}>
            Cancel
          </Button>
        ) : null}
        {step === 'os' ? (
          <Button type="button" onClick={useServer} disabled={waiting}>
            Use the server instead
          </Button>
        ) : null}
        <Button
          ref={step === 'api-secret' ? undefined : startRef}
          type="submit"
          variant="primary"
          disabled={waiting || !step || (step === 'api-secret' && apiSecret.length === 0)}
        >
          {step === 'os' && method?.kind === 'os' ? `Confirm with ${method.label}` : submitLabel}
        </Button>
      </div>
    </form>
  )
}
