import { formatDistanceStrict } from 'date-fns'
import { useEffect, useId, useRef, useState } from 'react'
import type { ApiKey } from '@shared/domain/api-key'
import type { AppErrorData } from '@shared/domain/errors'
import { useMounted } from '@renderer/hooks/use-mounted'
import { revokeKey } from '@renderer/stores/key-actions'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { needsReauthentication } from '@renderer/stores/sudo-actions'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { SudoPrompt } from '../../sudo/SudoPrompt'
import { KeyModal } from './KeyModal'

const RECENT_MS = 7 * 24 * 60 * 60 * 1000

/** "used 3 hours ago", when the key was used in the last 7 days; null otherwise. */
export function recentUse(lastUsedAt: string | null, now: Date): string | null {
  if (lastUsedAt === null) return null
  const used = Date.parse(lastUsedAt)
  if (Number.isNaN(used) || now.getTime() - used > RECENT_MS) return null
  // A clock a little ahead of ours must not read "in 2 minutes".
  const at = Math.min(used, now.getTime())
  if (now.getTime() - at < 60_000) return 'just now'
  return formatDistanceStrict(at, now, { addSuffix: true })
}

/** "Revoke API key": names the key, warns when it is in use, and deletes it on "Yes". */
export function RevokeKeyDialog({ apiKey }: { apiKey: ApiKey }) {
  const close = useKeyDialogs((s) => s.close)
  const titleId = useId()
  const textId = useId()
  const [now] = useState(() => new Date())
  const [revoking, setRevoking] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [sudoReason, setSudoReason] = useState<string | null>(null)
  const noRef = useRef<HTMLButtonElement>(null)
  const mounted = useMounted()

  // Focus starts on "No", the harmless answer.
  useEffect(() => {
    noRef.current?.focus()
  }, [])

  async function revoke() {
    setRevoking(true)
    setError(null)
    const result = await revokeKey(apiKey.id)
    if (!mounted.current) return
    setRevoking(false)
    if (result.ok) close()
    else if (needsReauthentication(result.error)) setSudoReason(result.error.message)
    else if (result.error.code !== 'CANCELLED') setError(result.error)
  }

  const used = recentUse(apiKey.lastUsedAt, now)

  return (
    <KeyModal
      labelledBy={titleId}
      describedBy={textId}
      role="alertdialog"
      className="modal--narrow"
      onCancel={close}
      onClosed={close}
    >
      <div className="modal__body">
        <h2 id={titleId} className="modal__title">
          Revoke API key
        </h2>
        <div id={textId} className="key-dialog__text">
          <p>Revoke “{apiKey.name}”? Apps using it will stop working at once.</p>
          {used ? <p className="key-dialog__warning">This key was used {used}.</p> : null}
        </div>
        {error ? <Alert>{error.message}</Alert> : null}
        {sudoReason !== null ? (
          <SudoPrompt
            reason={sudoReason}
            onProved={() => {
              setSudoReason(null)
              void revoke()
            }}
            onCancel={close}
          />
        ) : (
          <div className="modal__actions">
            <Button ref={noRef} onClick={close}>
              No
            </Button>
            <Button variant="danger" onClick={() => void revoke()} disabled={revoking}>
              Yes
            </Button>
          </div>
        )}
      </div>
    </KeyModal>
  )
}
