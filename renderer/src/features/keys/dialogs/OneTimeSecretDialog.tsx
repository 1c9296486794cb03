import { useEffect, useId, useRef, useState } from 'react'
import type { AppErrorData } from '@shared/domain/errors'
import type { CreatedKeyView, PendingRevocation } from '@shared/domain/key-lifecycle'
import { useMounted } from '@renderer/hooks/use-mounted'
import { keepSecretCopy, secretDismissed, secretShown } from '@renderer/stores/key-actions'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { CheckboxField } from '@renderer/ui/CheckboxField'
import { StatusMessage } from '@renderer/ui/StatusMessage'
import { needsReauthentication } from '@renderer/stores/sudo-actions'
import { SudoPrompt } from '../../sudo/SudoPrompt'
import { ClipboardNoticeLine } from '../../clipboard/ClipboardNoticeBanner'
import { SecretValue } from '../fields/SecretValue'
import { useCopySecret } from '../hooks/use-copy-secret'
import { captureWarning, useSecretOnScreen } from '../hooks/use-secret-on-screen'
import { KeyModal } from './KeyModal'

export interface OneTimeSecretDialogProps {
  created: CreatedKeyView
  origin: 'create' | 'rotate'
  replaced?: { name: string; pending: PendingRevocation | null }
  /** Whether the key's dialect can show the value again later. */
  canReveal: boolean
  /** Set when crash recovery found this secret: its item, and the line saying what happened. */
  recovery?: { id: string; line: string } | undefined
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

function replacedNote(replaced: NonNullable<OneTimeSecretDialogProps['replaced']>): string {
  const { name, pending } = replaced
  if (pending === null) return `The old key “${name}” is revoked.`
  if (pending.lastError) return `Revoking the old key “${name}” failed (${pending.lastError}). Keywarden tries again.`
  return `The old key “${name}” keeps working until ${timeFormat.format(Date.parse(pending.dueAt))}; then Keywarden revokes it.`
}

/**
 * "Your new API key": the value (and secret) of a key just made, shown this once. Closing without
 * copying it or keeping a copy asks first. The value lives only in the dialog store's entry, which
 * closing drops; nothing here keeps it after the dialog is gone.
 */
export function OneTimeSecretDialog({ created, origin, replaced, canReveal, recovery }: OneTimeSecretDialogProps) {
  const closeDialog = useKeyDialogs((s) => s.close)
  // Closed by the user (a lock closes the dialog through the store instead, and keeps the value for the unlock).
  const close = () => {
    void secretDismissed(created.key.id)
    closeDialog()
  }
  const titleId = useId()
  const confirmTitleId = useId()
  const confirmTextId = useId()
  const { message: copyMessage, error: copyError, copy } = useCopySecret()
  const [copied, setCopied] = useState(false)
  const [keep, setKeep] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [finishing, setFinishing] = useState(false)
  const [keepError, setKeepError] = useState<AppErrorData | null>(null)
  // Bumped when the browser closed the dialog on its own, to open it again: the secret must not go unseen.
  const [reopened, setReopened] = useState(0)
  const firstCopyRef = useRef<HTMLDivElement>(null)
  const mounted = useMounted()

  const captureNote = captureWarning(useSecretOnScreen())

  // On screen now: the journal lets the operation go (a crash from here on does not show it twice).
  useEffect(() => {
    void secretShown(created.key.id, recovery?.id)
  }, [created.key.id, recovery?.id])

  useEffect(() => {
    firstCopyRef.current?.querySelector<HTMLButtonElement>('button')?.focus()
  }, [reopened])

  async function copyText(text: string) {
    if (await copy(text)) setCopied(true)
  }

  async function finish() {
    if (keep) {
      setFinishing(true)
      setKeepError(null)
      // On success the table is read again: it marks keys with a keychain copy (they can be revealed and tried).
      const result = await keepSecretCopy(created)
      if (!mounted.current) return
      setFinishing(false)
      if (!result.ok) {
        setKeepError(result.error)
        return
      }
    }
    close()
  }

  function requestClose() {
    if (finishing || confirming) return
    if (!copied && !keep) setConfirming(true)
    else void finish()
  }

  const what = created.secret === null ? 'key' : 'key and its secret'
  const afterwards = canReveal
    ? 'Afterwards it can only be revealed again, and every reveal is written to the audit log.'
    : 'Nobody can show it again afterwards: not Keywarden, not the server.'

  return (
    <>
      <KeyModal
        key={reopened}
        labelledBy={titleId}
        className="key-dialog"
        onCancel={requestClose}
        onClosed={() => {
          if (copied && !keep) {
            close()
            return
          }
          setReopened((n) => n + 1)
          requestClose()
        }}
      >
        <div className="modal__body">
          <h2 id={titleId} className="modal__title">
            Your new API key
          </h2>
          {recovery ? (
            <p className="key-dialog__notice" data-testid="recovery-line">
              {recovery.line}
            </p>
          ) : null}
          <p className="key-dialog__notice">This is the only time the key is shown. Store it somewhere safe.</p>
          {captureNote ? (
            <p className="field__hint" data-testid="capture-protection-note">
              {captureNote}
            </p>
          ) : null}
          {origin === 'rotate' ? <p>“{created.key.name}” replaces the old key, with the same permissions.</p> : null}
          {replaced ? <p className="field__hint">{replacedNote(replaced)}</p> : null}

          <div ref={firstCopyRef}>
            <SecretValue label="API key" value={created.value} onCopy={() => void copyText(created.value)} />
          </div>
          {created.secret !== null ? (
            <SecretValue label="API secret" value={created.secret} onCopy={() => void copyText(created.secret ?? '')} />
          ) : null}

          {copyMessage ? <StatusMessage>{copyMessage}</StatusMessage> : null}
          {copyError ? <Alert>{copyError.message}</Alert> : null}
          <ClipboardNoticeLine />

          <CheckboxField
            label="Keep a copy in this computer's keychain"
            hint="Then it can be revealed and tried from this computer later."
            checked={keep}
            disabled={finishing}
            onChange={(checked) => {
              setKeep(checked)
              setKeepError(null)
            }}
          />
          {keepError && needsReauthentication(keepError) ? (
            // Keeping a copy is sudo-gated: prove it is you here, then the copy is kept and the dialog closes.
            <SudoPrompt reason={keepError.message} onProved={() => void finish()} onCancel={() => setKeepError(null)} />
          ) : keepError ? (
            <Alert>{keepError.message}</Alert>
          ) : null}

          <div className="modal__actions">
            <Button variant="primary" onClick={requestClose} disabled={finishing}>
              Done
            </Button>
          </div>
        </div>
      </KeyModal>

      {confirming ? (
        <KeyModal
          labelledBy={confirmTitleId}
          describedBy={confirmTextId}
          role="alertdialog"
          className="modal--narrow"
          onCancel={() => setConfirming(false)}
          onClosed={() => setConfirming(false)}
        >
          <ForgetSecretConfirm
            titleId={confirmTitleId}
            textId={confirmTextId}
            text={`You have neither copied this ${what} nor kept a copy in this computer's keychain. ${afterwards}`}
            onBack={() => setConfirming(false)}
            onCloseAnyway={close}
          />
        </KeyModal>
      ) : null}
    </>
  )
}

function ForgetSecretConfirm({
  titleId,
  textId,
  text,
  onBack,
  onCloseAnyway,
}: {
  titleId: string
  textId: string
  text: string
  onBack: () => void
  onCloseAnyway: () => void
}) {
  const backRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    backRef.current?.focus()
  }, [])
  return (
    <div className="modal__body">
      <h2 id={titleId} className="modal__title">
        You won't see this secret again
      </h2>
      <p id={textId}>{text}</p>
      <div className="modal__actions">
        <Button ref={backRef} onClick={onBack}>
          Go back
        </Button>
        <Button variant="danger" onClick={onCloseAnyway}>
          Close anyway
        </Button>
      </div>
    </div>
  )
}
