import type { ScanProgress, ScanSkipReason } from '@shared/contracts/identify'

/** Sums what each worker of a scan reported (each sends its own running totals). */
export class ScanTally {
  private readonly perWorker = new Map<
    number,
    { files: number; bytes: number; skipped: Array<[ScanSkipReason, number]> }
  >()
  commits = 0
  findings = 0
  note: string | null = null

  constructor(
    private readonly scanId: string,
    private readonly startedAt: number,
  ) {}

  worker(index: number, files: number, bytes: number, skipped: Array<[ScanSkipReason, number]>): void {
    this.perWorker.set(index, { files, bytes, skipped })
  }

  progress(phase: ScanProgress['phase'], now: number): ScanProgress {
    let files = 0
    let bytes = 0
    const skipped: Partial<Record<ScanSkipReason, number>> = {}
    for (const one of this.perWorker.values()) {
      files += one.files
      bytes += one.bytes
      for (const [reason, n] of one.skipped) skipped[reason] = (skipped[reason] ?? 0) + n
    }
    const seconds = Math.max((now - this.startedAt) / 1000, 0.001)
    return {
      scanId: this.scanId,
      phase,
      files,
      bytes,
      filesPerSecond: Math.round(files / seconds),
      findings: this.findings,
      skipped,
      note: this.note,
      commits: this.commits,
    }
  }
}
