import { useState } from 'react'
import type { Recovery } from '@shared/contracts/journal'
import type { AppErrorData } from '@shared/domain/errors'
import { needsReauthentication } from '@renderer/stores/sudo-actions'
import { revokeUnseenKey, useRecoveryStore } from '@renderer/stores/recovery-store'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { SudoPrompt } from '../sudo/SudoPrompt'
import { useRecoveredSecrets } from './use-recovered-secrets'
import './recovery.css'

type Unseen = Extract<Recovery, { kind: 'unseen' }>
type Notice = Extract<Recovery, { kind: 'notice' }>

/**
 * What Keywarden found after it closed in the middle of an operation: keys created without their
 * secret ever being seen (with Revoke), and notices (a rotation finished, a journal moved aside).
 * Recovered secrets open in the one-time secret dialog, one after another.
 */
export function RecoveryNotices() {
  useRecoveredSecrets()
  const recoveries = useRecoveryStore((s) => s.recoveries)
  const error = useRecoveryStore((s) => s.error)
  const shown = recoveries.filter((r): r is Unseen | Notice => r.kind !== 'secret')
  if (shown.length === 0 && !error) return null
  return (
    <section className="recovery-notices" aria-label="After Keywarden closed">
      {error ? <Alert>{error.message}</Alert> : null}
      <ul className="recovery-notices__list">
        {shown.map((recovery) =>
          recovery.kind === 'unseen' ? (
            <UnseenKey key={recovery.id} recovery={recovery} />
          ) : (
            <NoticeItem key={recovery.id} recovery={recovery} />
          ),
        )}
      </ul>
    </section>
  )
}

function NoticeItem({ recovery }: { recovery: Notice }) {
  const dismiss = useRecoveryStore((s) => s.dismiss)
  return (
    <li className="recovery-notices__item" data-testid="recovery-notice">
      <p>{recovery.message}</p>
      <Button onClick={() => void dismiss(recovery.id)}>Dismiss</Button>
    </li>
  )
}

function UnseenKey({ recovery }: { recovery: Unseen }) {
  const dismiss = useRecoveryStore((s) => s.dismiss)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [sudoReason, setSudoReason] = useState<string | null>(null)

  async function revoke() {
    setBusy(true)
    setError(null)
    const failed = await revokeUnseenKey(recovery.id)
    setBusy(false)
    if (failed && needsReauthentication(failed)) setSudoReason(failed.message)
    else if (failed) setError(failed)
  }

  return (
    <li className="recovery-notices__item" data-testid="recovery-unseen">
      <p>
        “{recovery.keyName}” ({recovery.profileName}) was created without its secret ever being seen. {recovery.reason}{' '}
        Nobody can use it unless they saw its secret; revoke it unless you know where it went.
      </p>
      {error ? <Alert>{error.message}</Alert> : null}
      {sudoReason !== null ? (
        <SudoPrompt
          reason={sudoReason}
          onProved={() => {
            setSudoReason(null)
            void revoke()
          }}
          onCancel={() => setSudoReason(null)}
        />
      ) : (
        <div className="recovery-notices__actions">
          <Button onClick={() => void dismiss(recovery.id)} disabled={busy}>
            Keep it
          </Button>
          <Button variant="danger" onClick={() => void revoke()} disabled={busy}>
            Revoke “{recovery.keyName}”
          </Button>
        </div>
      )}
    </li>
  )
}
