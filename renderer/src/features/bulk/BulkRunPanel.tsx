import { useId } from 'react'
import type { BulkKeyView } from '@shared/contracts/bulk'
import { useBulkStore } from '@renderer/stores/bulk-store'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { StatusMessage } from '@renderer/ui/StatusMessage'
import { SudoPrompt } from '../sudo/SudoPrompt'
import { actionLabels } from './bulk-applicable'

const stateWords: Record<BulkKeyView['state'], string> = {
  pending: 'waiting',
  sending: 'sending',
  done: 'done',
  failed: 'failed',
  skipped: 'skipped',
}

/** A bulk run: its progress bar, Cancel while it runs, then the per-key results with Retry for failed keys. */
export function BulkRunPanel() {
  const run = useBulkStore((s) => s.run)
  const progress = useBulkStore((s) => s.progress)
  const error = useBulkStore((s) => s.error)
  const sudoReason = useBulkStore((s) => s.sudoReason)
  const keptMessage = useBulkStore((s) => s.keptMessage)
  const { cancel, retry, closeRun, showNextSecret, keepAllSecrets } = useBulkStore.getState()
  const titleId = useId()
  const barId = useId()
  if (!run) return null

  // The event's counts are the newest; the run's keys are read again when it ends.
  const status = progress?.status ?? run.status
  const counts = progress ?? run.counts
  const total = counts.done + counts.failed + counts.skipped + counts.remaining
  const handled = total - counts.remaining
  const inFlight = status === 'running' || status === 'cancelling'
  const label = actionLabels[run.action]
  const ended = run.status !== 'running' && run.status !== 'cancelling'
  const failed = run.keys.filter((key) => key.state === 'failed')
  const statusLine =
    status === 'cancelling'
      ? 'Cancelling: what was sent finishes, nothing new starts.'
      : status === 'cancelled'
        ? 'Cancelled.'
        : status === 'waiting'
          ? `Stopped: it goes on when ${run.profileName} is signed in and active again.`
          : status === 'finished'
            ? 'Finished.'
            : `${label.verb}…`

  return (
    <section className="bulk-run" aria-labelledby={titleId}>
      <h3 id={titleId} className="bulk-run__title">
        Bulk {run.action}: {total} {total === 1 ? 'key' : 'keys'}
      </h3>
      <div
        id={barId}
        className="bulk-run__bar"
        role="progressbar"
        aria-label={`Bulk ${run.action} progress`}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={handled}
        aria-valuetext={`${counts.done} ${label.done}, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.remaining} remaining`}
      >
        <span className="bulk-run__fill" style={{ width: `${total === 0 ? 100 : (handled / total) * 100}%` }} />
      </div>
      <StatusMessage>
        {statusLine} {counts.done} {label.done}, {counts.failed} failed, {counts.skipped} skipped, {counts.remaining}{' '}
        remaining.
      </StatusMessage>
      {error ? <Alert>{error.message}</Alert> : null}
      {keptMessage ? <p className="bulk-run__note">{keptMessage}</p> : null}
      {sudoReason !== null ? (
        <SudoPrompt reason={sudoReason} onProved={() => void retry()} onCancel={closeRun} />
      ) : null}
      <div className="bulk-run__actions">
        {inFlight ? (
          <Button onClick={() => void cancel()} disabled={status === 'cancelling'}>
            Cancel
          </Button>
        ) : null}
        {ended && run.heldSecrets > 0 ? (
          <>
            <Button variant="primary" onClick={() => void showNextSecret()}>
              Show the {run.heldSecrets} new {run.heldSecrets === 1 ? 'key' : 'keys'} one by one
            </Button>
            <Button onClick={() => void keepAllSecrets()}>Keep all as keychain copies</Button>
          </>
        ) : null}
        {ended && failed.length > 0 ? <Button onClick={() => void retry()}>Retry {failed.length} failed</Button> : null}
        {ended ? (
          <Button variant="quiet" onClick={closeRun}>
            Close results
          </Button>
        ) : null}
      </div>
      {ended ? (
        <ul className="bulk-run__results" aria-label="Results per key">
          {run.keys.map((key) => (
            <li key={key.keyId} className={`bulk-run__result bulk-run__result--${key.state}`}>
              <span className="bulk-run__name">{key.keyName}</span>{' '}
              <span className="bulk-run__state">{stateWords[key.state]}</span>
              {key.reason ? <span className="bulk-run__reason">: {key.reason}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
