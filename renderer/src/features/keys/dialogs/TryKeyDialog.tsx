import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { ApiKey } from '@shared/domain/api-key'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import type { AppErrorData } from '@shared/domain/errors'
import type { TryKeyResult } from '@shared/domain/key-lifecycle'
import { useMounted } from '@renderer/hooks/use-mounted'
import { statusLine } from '@renderer/lib/http-status'
import { tryKey } from '@renderer/stores/key-actions'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { useKeysStore } from '@renderer/stores/keys-store'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { StatusMessage } from '@renderer/ui/StatusMessage'
import { TextField } from '@renderer/ui/TextField'
import { KeyModal } from './KeyModal'

/** A key or secret the user pastes for one request: masked, monospace, never autofilled. */
function PastedSecretField(props: { label: string; hint?: string; value: string; onChange: (value: string) => void }) {
  return (
    <TextField
      inputClassName="input--mono"
      type="password"
      autoComplete="off"
      spellCheck={false}
      maxLength={512}
      {...props}
    />
  )
}

/**
 * "Try API key": one request with the key to a demo resource of the API. Keywarden uses its keychain
 * copy or the server's reveal where it has one; otherwise the user pastes the value. Typed values live
 * only in this component's state and go when the dialog closes.
 */
export function TryKeyDialog({ apiKey, capabilities }: { apiKey: ApiKey; capabilities: DialectCapabilities }) {
  const close = useKeyDialogs((s) => s.close)
  const hasLocalCopy = useKeysStore((s) => s.list?.localCopyKeyIds.includes(apiKey.id) ?? false)
  const titleId = useId()
  const knowsValue = hasLocalCopy || capabilities.canReveal
  const [value, setValue] = useState('')
  const [secret, setSecret] = useState('')
  const [sending, setSending] = useState(false)
  const [answer, setAnswer] = useState<TryKeyResult | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const mounted = useMounted()

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, button[type="submit"]')?.focus()
  }, [])

  const needsSecret = !knowsValue && capabilities.hasSecret
  const ready = knowsValue || (value.trim() !== '' && (!needsSecret || secret.trim() !== ''))

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!ready || sending) return
    setSending(true)
    setError(null)
    setAnswer(null)
    const pasted = knowsValue ? null : { value: value.trim(), ...(needsSecret ? { secret: secret.trim() } : {}) }
    const result = await tryKey(apiKey.id, pasted)
    if (!mounted.current) return
    setSending(false)
    if (result.ok) setAnswer(result.value)
    else if (result.error.code !== 'CANCELLED') setError(result.error)
  }

  function dismiss() {
    // Not needed for safety (unmounting drops the state) but says what happens to typed secrets.
    setValue('')
    setSecret('')
    close()
  }

  return (
    <KeyModal labelledBy={titleId} className="key-dialog" onCancel={dismiss} onClosed={dismiss}>
      <form ref={formRef} className="modal__body" noValidate onSubmit={(event) => void send(event)}>
        <h2 id={titleId} className="modal__title">
          Try API key
        </h2>
        <p>
          Sends one request with “{apiKey.name}” to a demo resource of the API
          {knowsValue
            ? hasLocalCopy
              ? ", using the copy in this computer's keychain."
              : ', using the value the server reveals.'
            : '.'}
        </p>

        {!knowsValue ? (
          <>
            <PastedSecretField
              label="API key"
              hint="Keywarden has no copy of this key. Paste it; it is used for this request only."
              value={value}
              onChange={setValue}
            />
            {needsSecret ? <PastedSecretField label="API secret" value={secret} onChange={setSecret} /> : null}
          </>
        ) : null}

        {error ? <Alert>{error.message}</Alert> : null}
        {sending ? <StatusMessage>Sending…</StatusMessage> : null}

        {answer ? (
          <section className="try-answer" aria-label="Answer">
            <code className="try-answer__request">{answer.request}</code>
            <p
              role="status"
              className={[
                'try-answer__status',
                answer.status < 400 ? 'try-answer__status--ok' : 'try-answer__status--failed',
              ].join(' ')}
            >
              {statusLine(answer.status)}
            </p>
            <pre className="try-answer__body">{answer.body}</pre>
          </section>
        ) : null}

        <div className="modal__actions">
          <Button onClick={dismiss}>Close</Button>
          <Button type="submit" variant="primary" disabled={!ready || sending}>
            Send request
          </Button>
        </div>
      </form>
    </KeyModal>
  )
}
