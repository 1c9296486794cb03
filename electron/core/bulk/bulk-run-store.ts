import { z } from 'zod'
import { bulkActions, type BulkCounts, type BulkKeyView, type BulkRunView } from '@shared/contracts/bulk'
import { graceOptions } from '@shared/domain/key-lifecycle'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import { readDurableJson, writeDurableJson } from '../storage/durable-json-file'

const FORMAT = 1
/** Finished runs kept for their result lists; the oldest go first. */
const KEEP_FINISHED = 20
/**
 * While a run goes, its progress reaches the disk at most this often (a rotation's steps and every claim go at
 * once). Each write takes the whole file and two fsyncs, during which no answer is read; a "done" key not yet on
 * disk is still "sending" there, which a resume checks on the server, so a longer wait costs no guarantee.
 */
const FLUSH_EVERY_MS = 1000

const keySchema = z.object({
  keyId: z.string(),
  keyName: z.string(),
  state: z.enum(['pending', 'sending', 'done', 'failed', 'skipped']),
  reason: z.string().nullable(),
  /** Rotate: written the moment the server created it (before its secret can be taken): never rotated again. */
  successorId: z.string().nullable(),
  /**
   * Rotate: chosen and written before the request goes; the operation journal's entry of the key's
   * rotation carries the same one (and the successor draft), so a replay after a crash makes no second key.
   */
  idempotencyKey: z.string().nullable(),
})

const runSchema = z.object({
  id: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  accountId: z.string().nullable(),
  action: z.enum(bulkActions),
  grace: z.enum(graceOptions).nullable(),
  createdAt: z.string(),
  status: z.enum(['running', 'cancelling', 'cancelled', 'finished', 'waiting']),
  keys: z.array(keySchema),
})

export type StoredBulkKey = z.infer<typeof keySchema>
export type StoredBulkRun = z.infer<typeof runSchema>

export function countsOf(run: StoredBulkRun): BulkCounts {
  const counts = { done: 0, failed: 0, skipped: 0, remaining: 0 }
  for (const key of run.keys) {
    if (key.state === 'pending' || key.state === 'sending') counts.remaining++
    else counts[key.state]++
  }
  return counts
}

export function viewOf(run: StoredBulkRun, heldSecrets: number): BulkRunView {
  const keys: BulkKeyView[] = run.keys.map(({ keyId, keyName, state, reason, successorId }) => ({
    keyId,
    keyName,
    state,
    reason,
    successorId,
  }))
  const { keys: _stored, ...rest } = run
  return { ...rest, counts: countsOf(run), keys, heldSecrets }
}

/**
 * `<dataDir>/bulk-runs.json`: every bulk run with each key's state, written durably (fsync, atomic
 * rename) before a run's first request. Ids, names and idempotency keys only; never a secret.
 */
export class BulkRunStore {
  private runs: StoredBulkRun[] = []
  private flushTimer: unknown = null
  /** Set when the file was unreadable and moved aside: the user is told once. */
  notice: string | null = null

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    const read = readDurableJson(file, FORMAT, z.array(runSchema), 'The list of bulk runs')
    if (read.status === 'ok') this.runs = read.data
    if (read.status === 'moved-aside') {
      this.notice = read.message
      log.warn(`bulk runs: ${read.message}`)
    }
  }

  list(): StoredBulkRun[] {
    return this.runs
  }

  get(id: string): StoredBulkRun | undefined {
    return this.runs.find((run) => run.id === id)
  }

  /** Adds a run and writes it now: nothing is sent before this returns. */
  add(run: StoredBulkRun): void {
    this.runs.unshift(run)
    const finished = this.runs.filter((r) => r.status === 'finished' || r.status === 'cancelled')
    for (const old of finished.slice(KEEP_FINISHED)) this.runs.splice(this.runs.indexOf(old), 1)
    this.flushNow()
  }

  /** The runs changed in memory; they reach the disk within FLUSH_EVERY_MS. */
  changed(): void {
    if (this.flushTimer !== null) return
    this.flushTimer = this.clock.setTimeout(() => {
      this.flushTimer = null
      this.flushNow()
    }, FLUSH_EVERY_MS)
  }

  flushNow(): void {
    if (this.flushTimer !== null) {
      this.clock.clearTimeout(this.flushTimer)
      this.flushTimer = null
    }
    try {
      writeDurableJson(this.file, FORMAT, this.runs)
    } catch (error) {
      this.log.error(`bulk runs: could not write ${this.file}: ${String(error)}`)
      throw error
    }
  }
}
