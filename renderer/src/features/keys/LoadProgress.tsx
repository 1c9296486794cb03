import { useKeysStore } from '../../stores/keys-store'
import { Alert } from '../../ui/Alert'
import { Button } from '../../ui/Button'
import './load-progress.css'

const count = (n: number) => n.toLocaleString('en')

/** "as of 10:42" for a list saved today, with the date otherwise. */
function asOf(savedAt: string): string {
  const at = new Date(savedAt)
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
  return at.toDateString() === new Date().toDateString() ? time : `${at.toLocaleDateString()} ${time}`
}

/**
 * The key list's load while it runs: "Loading 35,200 of 100,008" (a count where the server gives no
 * total) with a progress bar and Cancel; the saved list's age while it is refreshed; a failed page
 * with Retry, which resumes from that page.
 */
export function LoadProgress() {
  const progress = useKeysStore((s) => s.progress)
  const cachedAt = useKeysStore((s) => s.cachedAt)
  const cancelLoad = useKeysStore((s) => s.cancelLoad)
  const retryLoad = useKeysStore((s) => s.retryLoad)
  if (!progress) return null
  const { loaded, total, failure } = progress
  const label =
    total === null ? `Loading API keys: ${count(loaded)} so far` : `Loading ${count(loaded)} of ${count(total)}`
  if (failure) {
    const read = `${count(loaded)}${total === null ? '' : ` of ${count(total)}`}`
    return (
      <Alert action={<Button onClick={() => void retryLoad()}>Retry</Button>}>
        {failure.message}
        {loaded > 0 ? ` ${read} keys were read; Retry goes on from there.` : ''}
      </Alert>
    )
  }
  return (
    <div className="load-progress">
      {cachedAt ? <span className="load-progress__age">As of {asOf(cachedAt)}, refreshing…</span> : null}
      <div
        className="load-progress__bar"
        role="progressbar"
        aria-label="Loading API keys"
        aria-valuemin={0}
        {...(total === null ? {} : { 'aria-valuemax': total, 'aria-valuenow': loaded })}
        aria-valuetext={label}
      >
        <span
          className="load-progress__fill"
          style={{ width: total ? `${Math.min(100, (loaded / total) * 100)}%` : undefined }}
          data-indeterminate={total === null ? '' : undefined}
        />
      </div>
      <span className="load-progress__label" aria-live="polite">
        {label}
      </span>
      <Button variant="quiet" onClick={() => void cancelLoad()}>
        Cancel
      </Button>
    </div>
  )
}
