import { useEffect, useId, useRef, useState } from 'react'
import type { ApiKey } from '@shared/domain/api-key'
import type { AppErrorData } from '@shared/domain/errors'
import type { RevealedKey } from '@shared/domain/key-lifecycle'
import { useMounted } from '@renderer/hooks/use-mounted'
import { protectScreen, releaseScreen, revealKey } from '@renderer/stores/key-actions'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { needsReauthentication } from '@renderer/stores/sudo-actions'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { StatusMessage } from '@renderer/ui/StatusMessage'
import { SudoPrompt } from '../../sudo/SudoPrompt'
import { SecretValue } from '../fields/SecretValue'
import { useCopySecret } from '../hooks/use-copy-secret'
import { useSecretOnScreen } from '../hooks/use-secret-on-screen'
import { KeyModal } from './KeyModal'

type Step =
  | { kind: 'confirm' }
  | { kind: 'sudo'; reason: string }
  | { kind: 'shown'; revealed: RevealedKey; hidesAt: number }
  | { kind: 'hidden' }

/**
 * "Reveal API key": a confirmation first (each reveal is audited), then the value for a limited time.
 * When the time is up the value leaves the DOM and the component's state, and the dialog says "Hidden.".
 */
export function RevealKeyDialog({ apiKey }: { apiKey: ApiKey }) {
  const close = useKeyDialogs((s) => s.close)
  const titleId = useId()
  const textId = useId()
  const [step, setStep] = useState<Step>({ kind: 'confirm' })
  const [revealing, setRevealing] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const { message: copyMessage, error: copyError, copy } = useCopySecret()
  const cancelRef = useRef<HTMLButtonElement>(null)
  const closeRef = useRef<HTMLButtonElement>(null)
  const shownRef = useRef<HTMLDivElement>(null)
  const mounted = useMounted()

  useSecretOnScreen(step.kind === 'shown')

  useEffect(() => {
    if (step.kind === 'confirm') cancelRef.current?.focus()
    // The copy button that may have had focus is gone; focus moves to Close rather than to nowhere.
    if (step.kind === 'hidden') closeRef.current?.focus()
    if (step.kind === 'shown') shownRef.current?.querySelector<HTMLButtonElement>('button')?.focus()
  }, [step.kind])

  const hidesAt = step.kind === 'shown' ? step.hidesAt : null
  useEffect(() => {
    if (hidesAt === null) return
    const tick = () => {
      const current = Date.now()
      if (current >= hidesAt) setStep({ kind: 'hidden' })
      else setNow(current)
    }
    const timer = window.setInterval(tick, 250)
    return () => window.clearInterval(timer)
  }, [hidesAt])

  async function reveal() {
    setRevealing(true)
    setError(null)
    const result = await revealKey(apiKey.id)
    if (!mounted.current) return
    setRevealing(false)
    if (!result.ok) {
      if (needsReauthentication(result.error)) setStep({ kind: 'sudo', reason: result.error.message })
      else if (result.error.code !== 'CANCELLED') setError(result.error)
      return
    }
    // Protected from screen capture before the value is drawn, not just after.
    await protectScreen()
    if (!mounted.current) {
      releaseScreen()
      return
    }
    const start = Date.now()
    setNow(start)
    setStep({ kind: 'shown', revealed: result.value, hidesAt: start + result.value.hideAfterSeconds * 1000 })
  }

  const secondsLeft = step.kind === 'shown' ? Math.max(0, Math.ceil((step.hidesAt - now) / 1000)) : 0

  return (
    <KeyModal
      labelledBy={titleId}
      describedBy={step.kind === 'confirm' ? textId : undefined}
      role={step.kind === 'confirm' ? 'alertdialog' : 'dialog'}
      className={step.kind === 'shown' ? 'key-dialog' : 'modal--narrow'}
      onCancel={close}
      onClosed={close}
    >
      <div className="modal__body">
        <h2 id={titleId} className="modal__title">
          {step.kind === 'confirm' ? 'Reveal API key' : step.kind === 'sudo' ? 'Prove it is you' : 'API key revealed'}
        </h2>

        {step.kind === 'confirm' ? (
          <>
            <p id={textId}>Reveal “{apiKey.name}”? Each reveal is written to the audit log.</p>
            {error ? <Alert>{error.message}</Alert> : null}
            <div className="modal__actions">
              <Button ref={cancelRef} onClick={close}>
                Cancel
              </Button>
              <Button variant="primary" onClick={() => void reveal()} disabled={revealing}>
                Reveal
              </Button>
            </div>
          </>
        ) : null}

        {step.kind === 'sudo' ? (
          <SudoPrompt reason={step.reason} onProved={() => void reveal()} onCancel={close} />
        ) : null}

        {step.kind === 'shown' ? (
          <>
            <p>“{apiKey.name}”</p>
            <div ref={shownRef} className="key-dialog__secrets">
              <SecretValue label="API key" value={step.revealed.value} onCopy={() => void copy(step.revealed.value)} />
              {step.revealed.secret !== null ? (
                <SecretValue
                  label="API secret"
                  value={step.revealed.secret}
                  onCopy={() => void copy(step.revealed.secret ?? '')}
                />
              ) : null}
            </div>
            <p className="key-dialog__countdown" aria-live="off">
              Hidden again in {secondsLeft} s
            </p>
            {copyMessage ? <StatusMessage>{copyMessage}</StatusMessage> : null}
            {copyError ? <Alert>{copyError.message}</Alert> : null}
            <div className="modal__actions">
              <Button onClick={close}>Close</Button>
            </div>
          </>
        ) : null}

        {step.kind === 'hidden' ? (
          <>
            <p role="status">Hidden.</p>
            <div className="modal__actions">
              <Button ref={closeRef} onClick={close}>
                Close
              </Button>
            </div>
          </>
        ) : null}
      </div>
    </KeyModal>
  )
}
