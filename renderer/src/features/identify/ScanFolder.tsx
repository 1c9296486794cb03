import { useId, useState } from 'react'
import type { ScanFinding, ScanProgress } from '@shared/contracts/identify'
import { invoke } from '@renderer/ipc/bridge'
import { useIdentifyStore } from '@renderer/stores/identify-store'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { TextField } from '@renderer/ui/TextField'
import { CandidateCard } from './CandidateCard'

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1)

function progressLine(p: ScanProgress): string {
  const phase = {
    files: 'Scanning',
    history: 'Scanning git history',
    done: 'Done',
    cancelled: 'Cancelled',
    failed: 'Stopped',
  }[p.phase]
  const skipped = Object.entries(p.skipped)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ')
  return [
    `${phase}: ${p.files} files, ${megabytes(p.bytes)} MB, ${p.filesPerSecond} files/s`,
    p.commits > 0 ? `${p.commits} commits` : '',
    `${p.findings} found`,
    skipped ? `skipped: ${skipped}` : '',
  ]
    .filter(Boolean)
    .join(' · ')
}

function FindingCard({ finding }: { finding: ScanFinding }) {
  const [error, setError] = useState<string | null>(null)
  const where = `${finding.path}:${finding.line}:${finding.column}${finding.commit ? ` in commit ${finding.commit.slice(0, 10)}` : ''}`
  const show = async () => {
    const result = await invoke('showScanFinding', { scanId: finding.scanId, index: finding.index })
    setError(result.ok ? null : result.error.message)
  }
  return (
    <li className="identify-finding">
      <CandidateCard candidate={finding.candidate} where={where} />
      {finding.commit === null ? (
        <Button
          className="button--small"
          variant="quiet"
          aria-label={`Show in folder: ${finding.path}`}
          onClick={() => void show()}
        >
          Show in folder
        </Button>
      ) : null}
      {error ? <span role="alert">{error}</span> : null}
    </li>
  )
}

/** Scan a folder (and its git history): results stream in, masked, kept in memory only. */
export function ScanFolder() {
  const titleId = useId()
  const [root, setRoot] = useState('')
  const [history, setHistory] = useState(false)
  const [vendored, setVendored] = useState(false)
  const { scan, scanId, findings, scanError, startScan, cancelScan } = useIdentifyStore()
  const running = scanId !== null && (scan === null || scan.phase === 'files' || scan.phase === 'history')

  const pick = async () => {
    const result = await invoke('pickFolder')
    if (result.ok && result.value.path) setRoot(result.value.path)
  }

  return (
    <section className="identify-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="identify-section__title">
        Scan a folder
      </h2>
      <div className="identify-scan__folder">
        <TextField
          label="Folder"
          value={root}
          onChange={setRoot}
          inputClassName="input--mono"
          placeholder="/home/me/project"
        />
        <Button onClick={() => void pick()}>Choose folder…</Button>
      </div>
      <div className="identify-scan__options">
        <label>
          <input type="checkbox" checked={history} onChange={(e) => setHistory(e.target.checked)} /> Also scan git
          history
        </label>
        <label>
          <input type="checkbox" checked={vendored} onChange={(e) => setVendored(e.target.checked)} /> Include
          node_modules and .git
        </label>
      </div>
      <div className="identify-section__actions">
        <Button
          variant="primary"
          disabled={running || root.trim() === ''}
          onClick={() => void startScan(root.trim(), history, vendored)}
        >
          Scan
        </Button>
        {running ? <Button onClick={cancelScan}>Cancel scan</Button> : null}
      </div>
      {scanError ? <Alert>{scanError.message}</Alert> : null}
      {scan ? (
        <p className="identify-scan__progress" role="status">
          {progressLine(scan)}
        </p>
      ) : null}
      {scan?.note ? <p className="identify-note">{scan.note}</p> : null}
      {findings.length > 0 ? (
        <ul className="identify-findings" aria-label="Scan results">
          {findings.map((finding) => (
            <FindingCard key={finding.index} finding={finding} />
          ))}
        </ul>
      ) : null}
    </section>
  )
}
