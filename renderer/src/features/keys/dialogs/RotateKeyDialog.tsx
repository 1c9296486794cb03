import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { ApiKey } from '@shared/domain/api-key'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import type { AppErrorData } from '@shared/domain/errors'
import type { GraceOption } from '@shared/domain/key-lifecycle'
import { useMounted } from '@renderer/hooks/use-mounted'
import { rotateKey } from '@renderer/stores/key-actions'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { needsReauthentication } from '@renderer/stores/sudo-actions'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { SudoPrompt } from '../../sudo/SudoPrompt'
import { KeyModal } from './KeyModal'

const graceChoices: ReadonlyArray<{ value: GraceOption; label: string }> = [
  { value: 'now', label: 'Now' },
  { value: '15m', label: 'After 15 minutes' },
  { value: '1h', label: 'After 1 hour' },
  { value: '24h', label: 'After 24 hours' },
]

/** What the successor keeps, in the dialect's words. */
function keptSettings(capabilities: DialectCapabilities): string {
  const kept = [capabilities.permissionsLabel.toLowerCase() || 'permissions']
  if (capabilities.hasNotes) kept.push('notes')
  if (capabilities.hasExpiry) kept.push('expiry rules')
  return kept.length === 1 ? kept[0]! : `${kept.slice(0, -1).join(', ')} and ${kept.at(-1)!}`
}

/**
 * "Rotate API key": makes a successor with the same settings, shows its secret once, and revokes the
 * old key now or after a grace period (main keeps that revocation, also across restarts).
 */
export function RotateKeyDialog({ apiKey, capabilities }: { apiKey: ApiKey; capabilities: DialectCapabilities }) {
  const close = useKeyDialogs((s) => s.close)
  const titleId = useId()
  const legendId = useId()
  const [grace, setGrace] = useState<GraceOption>('15m')
  // The core journals the rotation: a Rotate retried after a timeout gets the successor already made.
  const [rotating, setRotating] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [sudoReason, setSudoReason] = useState<string | null>(null)
  const groupRef = useRef<HTMLFieldSetElement>(null)
  const mounted = useMounted()

  useEffect(() => {
    groupRef.current?.querySelector<HTMLInputElement>('input:checked')?.focus()
  }, [])

  async function rotate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (rotating || sudoReason !== null) return
    await runRotation()
  }

  async function runRotation() {
    setRotating(true)
    setError(null)
    // On success the successor's one-time secret dialog replaces this one (see rotateKey).
    const result = await rotateKey(apiKey, grace, capabilities.canReveal)
    if (result.ok) return
    if (!mounted.current) return
    setRotating(false)
    if (needsReauthentication(result.error)) setSudoReason(result.error.message)
    else if (result.error.code !== 'CANCELLED') setError(result.error)
  }

  // While a rotation is in flight, closing would not stop it and the successor's value would be lost.
  const dismiss = () => {
    if (!rotating) close()
  }

  return (
    <KeyModal labelledBy={titleId} className="key-dialog" onCancel={dismiss} onClosed={close}>
      <form className="modal__body" noValidate onSubmit={(event) => void rotate(event)}>
        <h2 id={titleId} className="modal__title">
          Rotate API key
        </h2>
        <p>
          Keywarden creates a successor to “{apiKey.name}” with the same {keptSettings(capabilities)}, and shows its
          value once. Then the old key is revoked.
        </p>

        <fieldset
          ref={groupRef}
          className="radio-group"
          role="radiogroup"
          aria-labelledby={legendId}
          disabled={rotating}
        >
          <legend id={legendId} className="field__label">
            Revoke the old key
          </legend>
          {graceChoices.map((choice) => (
            <label key={choice.value} className="radio-group__option">
              <input
                type="radio"
                className="radio"
                name="grace"
                value={choice.value}
                checked={grace === choice.value}
                onChange={() => setGrace(choice.value)}
              />
              {choice.label}
            </label>
          ))}
          <p className="field__hint">
            A grace period lets apps switch to the new key before the old one stops working.
          </p>
        </fieldset>

        {error ? <Alert>{error.message}</Alert> : null}

        {sudoReason !== null ? (
          <SudoPrompt
            reason={sudoReason}
            onProved={() => {
              setSudoReason(null)
              void runRotation()
            }}
            onCancel={close}
          />
        ) : (
          <div className="modal__actions">
            <Button onClick={dismiss} disabled={rotating}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={rotating}>
              Rotate
            </Button>
          </div>
        )}
      </form>
    </KeyModal>
  )
}
