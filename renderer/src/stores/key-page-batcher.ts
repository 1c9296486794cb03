import type { ApiKey } from '@shared/domain/api-key'

/** The first page shows at once; after it, rows are handed over at most this often. */
export const FLUSH_INTERVAL_MS = 250

/**
 * Gathers the rows of a streamed key list and hands them over in batches: the first page at once,
 * then at most every FLUSH_INTERVAL_MS, so the table (which indexes and sorts what it is given)
 * works a few times per second however many pages arrive. Each hand-over is a new array (the old
 * one plus the batch), so anything memoised on the array sees the change.
 */
export class KeyPageBatcher {
  private rows: ApiKey[]
  private batch: ApiKey[] = []
  private timer: ReturnType<typeof setTimeout> | undefined
  private flushedOnce = false

  /** `initial`: rows on screen already, which the batches follow (never changed). */
  constructor(
    private readonly deliver: (rows: ApiKey[]) => void,
    initial: readonly ApiKey[] = [],
  ) {
    this.rows = initial.slice()
  }

  add(keys: readonly ApiKey[]): void {
    for (const key of keys) this.batch.push(key)
    if (!this.flushedOnce) {
      this.flush()
      return
    }
    this.timer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS)
  }

  /** Hands over whatever is waiting now (the load ended, failed or was cancelled). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    if (this.batch.length === 0 && this.flushedOnce) return
    this.rows = this.rows.concat(this.batch)
    this.batch = []
    this.flushedOnce = true
    this.deliver(this.rows)
  }

  /** Every row gathered so far, the waiting ones included, without handing them over. */
  all(): ApiKey[] {
    return this.batch.length === 0 ? this.rows : this.rows.concat(this.batch)
  }

  /** Drops everything, delivering nothing more. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    this.batch = []
  }
}
