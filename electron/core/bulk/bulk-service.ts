import { randomUUID } from 'node:crypto'
import {
  bulkRefusal,
  type BulkAction,
  type BulkKeepResult,
  type BulkRunView,
  type BulkSecret,
} from '@shared/contracts/bulk'
import type { GraceOption } from '@shared/domain/key-lifecycle'
import type { Clock } from '../clock'
import type { ActiveScope, ConnectionRegistry } from '../connections/connection-registry'
import { AppError, isAppError } from '../errors'
import type { JournalEntry } from '../journal/journal-entry'
import type { JournalService } from '../journal/journal-service'
import type { KeyLifecycle } from '../keys/key-lifecycle'
import type { SecretCopies } from '../keys/secret-copies'
import type { Logger } from '../log'
import type { EventSink } from '../platform'
import type { BulkKeyActions, KeyOutcome } from './bulk-key-actions'
import { MAY_HAVE_LANDED, resumeRotationKey, settleRotationKey } from './bulk-rotation-keys'
import { countsOf, viewOf, type BulkRunStore, type StoredBulkKey, type StoredBulkRun } from './bulk-run-store'
import { BulkSecrets } from './bulk-secrets'
import { RateGate } from './rate-gate'

/** Requests of one run in flight at once: enough to be quick, few enough to stay under an API's limits. */
export const BULK_CONCURRENCY = 4
/** Keys of a revoke, disable or enable run marked "sending" in one durable write (see `claim`). */
const CLAIM_AHEAD = 256
/** While a revoke, disable or enable run goes, its counts reach the renderer at most this often; a new status at once. */
const PROGRESS_EVERY_MS = 100

const CANCELLED_BEFORE_SENT = 'cancelled before it was sent'
const VERBS: Record<BulkAction, string> = {
  revoke: 'revoked',
  disable: 'disabled',
  enable: 'enabled',
  rotate: 'rotated',
}

export interface BulkServiceDeps {
  connections: Pick<ConnectionRegistry, 'activeScope'>
  keys: Pick<KeyLifecycle, 'access' | 'keepCopy'>
  actions: BulkKeyActions
  copies: SecretCopies
  /** Each key of a rotation is a journaled rotation: its entry, what recovery settled, its secret shown. */
  journal: Pick<JournalService, 'rotationEntry' | 'onRotationSettled' | 'operations'>
  store: BulkRunStore
  emit: EventSink
  log: Logger
  clock: Clock
  concurrency?: number
}

interface Running {
  cancelled: boolean
  done: Promise<void>
}

/**
 * Bulk runs on keys of the active profile and account: each is written to disk before its first
 * request, runs a few keys at a time behind one 429 gate, can be cancelled (what was sent finishes,
 * nothing new starts), and after a restart or a new sign-in goes on where it stopped.
 */
export class BulkService {
  private readonly running = new Map<string, Running>()
  private readonly secrets = new BulkSecrets()
  /** Runs whose next progress event waits for PROGRESS_EVERY_MS to pass (see `progressSoon`). */
  private readonly progressTimers = new Map<string, unknown>()

  constructor(private readonly deps: BulkServiceDeps) {
    deps.journal.onRotationSettled((entry, successorId) => {
      const run = settleRotationKey(deps.store.list(), entry, successorId)
      if (!run) return
      deps.store.flushNow()
      this.progress(run)
    })
  }

  async start(input: {
    action: BulkAction
    keyIds: readonly string[]
    grace?: GraceOption | undefined
  }): Promise<BulkRunView> {
    if (this.running.size > 0)
      throw new AppError('CONFLICT', 'A bulk action is still under way. Wait for it to end or cancel it first.')
    const scope = await this.deps.connections.activeScope()
    const { connection, accountId } = scope
    const [access, listed] = await Promise.all([this.deps.keys.access(), connection.adapter.listKeys(scope.context())])
    const byId = new Map(listed.map((key) => [key.id, key]))
    const keys: StoredBulkKey[] = input.keyIds.map((keyId) => {
      const key = byId.get(keyId)
      const refusal = key
        ? bulkRefusal(input.action, key, connection.adapter.capabilities, access)
        : 'it is no longer among the keys of this account'
      return {
        keyId,
        keyName: key?.name ?? keyId,
        state: refusal === null ? 'pending' : 'skipped',
        reason: refusal,
        successorId: null,
        idempotencyKey: input.action === 'rotate' && refusal === null ? randomUUID() : null,
      }
    })
    const refused = keys.filter((key) => key.state === 'skipped')
    if (refused.length === keys.length) {
      throw new AppError(
        'VALIDATION',
        `None of the ${keys.length} selected keys can be ${VERBS[input.action]}: ${refused[0]!.keyName}: ${refused[0]!.reason}.`,
      )
    }
    const run: StoredBulkRun = {
      id: randomUUID(),
      profileId: connection.profile.id,
      profileName: connection.profile.name,
      accountId,
      action: input.action,
      grace: input.action === 'rotate' ? (input.grace ?? 'now') : null,
      createdAt: new Date(this.deps.clock.now()).toISOString(),
      status: 'running',
      keys,
    }
    // On disk before the first request: a crash from here on is resumed, never repeated.
    this.deps.store.add(run)
    this.launch(run, scope)
    return this.view(run)
  }

  cancel(runId: string): BulkRunView {
    const run = this.find(runId)
    const running = this.running.get(runId)
    if (running) {
      running.cancelled = true
      run.status = 'cancelling'
    } else if (run.status === 'waiting' || run.status === 'running') {
      this.cancelPending(run)
    }
    this.deps.store.flushNow()
    this.progress(run)
    return this.view(run)
  }

  list(): BulkRunView[] {
    return this.deps.store.list().map((run) => this.view(run))
  }

  async retry(runId: string): Promise<BulkRunView> {
    const run = this.find(runId)
    if (this.running.size > 0)
      throw new AppError('CONFLICT', 'A bulk action is still under way. Wait for it to end or cancel it first.')
    const scope = await this.scopeOf(run)
    const failed = run.keys.filter((key) => key.state === 'failed')
    if (failed.length === 0) throw new AppError('VALIDATION', 'This bulk action has no failed keys to try again.')
    // A rotation keeps its idempotency keys: if the first try did reach the server, the retry gets its answer.
    for (const key of failed) Object.assign(key, { state: 'pending', reason: null })
    run.status = 'running'
    this.deps.store.flushNow()
    this.launch(run, scope)
    return this.view(run)
  }

  takeSecret(runId: string): BulkSecret | null {
    this.find(runId)
    return this.secrets.take(runId)
  }

  async keepAll(runId: string): Promise<BulkKeepResult> {
    const run = this.find(runId)
    await this.scopeOf(run)
    const result: BulkKeepResult = { kept: 0, failed: [] }
    const notKept: ReturnType<BulkSecrets['takeAll']> = []
    for (const held of this.secrets.takeAll(runId)) {
      try {
        await this.deps.keys.keepCopy(held.key.id, held.value, held.secret)
        // Kept: its outcome reached the user, as a shown secret's does; the journal lets the rotation go.
        this.deps.journal.operations.secretShown(held.key.id)
        result.kept++
      } catch (error) {
        notKept.push(held)
        result.failed.push({
          keyName: held.key.name,
          reason: isAppError(error) ? error.message : 'it could not be kept',
        })
      }
    }
    this.secrets.giveBack(runId, notKept)
    return result
  }

  /**
   * Carries on every unfinished run of the active profile and account (at start, after a new
   * sign-in): keys that may have been sent are checked on the server first, a rotation is replayed
   * with the idempotency key it was first sent with.
   */
  async resume(): Promise<void> {
    let scope: ActiveScope
    try {
      scope = await this.deps.connections.activeScope()
    } catch {
      return // Not signed in: the next sign-in resumes.
    }
    for (const run of this.deps.store.list()) {
      if (this.running.has(run.id) || !['running', 'cancelling', 'waiting'].includes(run.status)) continue
      if (run.profileId !== scope.connection.profile.id || run.accountId !== scope.accountId) continue
      try {
        await this.carryOn(run, scope)
      } catch (error) {
        this.deps.log.warn(`bulk run ${run.id}: could not resume yet: ${String(error)}`)
      }
    }
  }

  /** Resolves once every run in flight has stopped (tests, quitting). */
  async settled(): Promise<void> {
    await Promise.all([...this.running.values()].map((r) => r.done))
  }

  private async carryOn(run: StoredBulkRun, scope: ActiveScope): Promise<void> {
    if (run.action === 'rotate') {
      // The journal knows what a rotation that was sent did, or carries it on: never sent a second time.
      for (const key of run.keys.filter((k) => k.state === 'sending')) resumeRotationKey(key, this.rotationEntryOf(key))
    }
    const open = run.keys.filter((key) => key.state === 'pending' || key.state === 'sending')
    const settled = await this.deps.actions.settledOnServer(scope, run, open)
    for (const key of open) {
      const outcome = settled.get(key.keyId)
      if (outcome) this.apply(run, key, outcome)
      else key.state = 'pending'
    }
    if (run.status === 'cancelling') {
      this.cancelPending(run)
      this.deps.store.flushNow()
      this.progress(run)
      return
    }
    run.status = 'running'
    this.deps.store.flushNow()
    this.launch(run, scope)
  }

  private launch(run: StoredBulkRun, scope: ActiveScope): void {
    const running: Running = { cancelled: false, done: Promise.resolve() }
    running.done = this.drive(run, scope, running)
      .catch((error: unknown) => this.deps.log.error(`bulk run ${run.id}: stopped: ${String(error)}`))
      .finally(() => this.running.delete(run.id))
    this.running.set(run.id, running)
  }

  private async drive(run: StoredBulkRun, scope: ActiveScope, running: Running): Promise<void> {
    this.progress(run)
    const copyIds = new Set(run.action === 'revoke' ? await this.deps.copies.keyIds(run.profileId) : [])
    const queue = run.keys.filter((key) => key.state === 'pending')
    const gate = new RateGate()
    let interrupted = false
    // Keys marked "sending" on disk whose request has not left yet (see `claim`).
    const claimed = new Set<StoredBulkKey>()
    // Keys whose request is done and whose audit line is being written.
    const recording: Array<Promise<void>> = []
    const worker = async (): Promise<void> => {
      for (let key = queue.shift(); key && !running.cancelled && !interrupted; key = queue.shift()) {
        // A rotation acts on the active profile: it waits while another one is active.
        if (run.action === 'rotate' && !(await this.isActive(run))) {
          interrupted = true
          break
        }
        // On disk before the request leaves: after a crash, a key still "pending" there was never sent
        // (resume takes a pending key that is gone from the server as gone, not as revoked by this run).
        if (!claimed.delete(key)) this.claim(run, key, queue, claimed)
        const record = () => this.deps.store.flushNow()
        try {
          const outcome = await gate.send(() => this.deps.actions.act(scope, run, key, copyIds, record))
          if (outcome.state === 'done' && outcome.recorded) {
            // The worker takes the next key now; this one is done (in the run and on disk) once its
            // audit line is written, so a crash in between leaves it "sending", checked at resume.
            const done = key
            recording.push(
              outcome.recorded.then(() => {
                this.apply(run, done, outcome)
                this.deps.store.changed()
                this.progressSoon(run)
              }),
            )
            continue
          }
          this.apply(run, key, outcome)
        } catch (error) {
          // A rotation whose journal entry stays with its successor drafted may have made that successor.
          const mayHaveLanded = run.action === 'rotate' && this.rotationEntryOf(key)?.draft != null
          if (isAppError(error) && (error.code === 'CANCELLED' || error.code === 'UNAUTHENTICATED') && !mayHaveLanded) {
            // Switched away or signed out: it was not done; the run waits for its profile.
            key.state = 'pending'
            interrupted = true
          } else {
            key.state = 'failed'
            key.reason = isAppError(error) ? error.message : 'it failed for a reason Keywarden did not expect'
            if (mayHaveLanded) key.reason += MAY_HAVE_LANDED
          }
        }
        // A rotation's outcome is on disk before its secret can be taken (and shown, which ends its journal entry).
        if (run.action === 'rotate') {
          this.deps.store.flushNow()
          this.progress(run)
        } else {
          this.deps.store.changed()
          this.progressSoon(run)
        }
      }
    }
    // Rotations go one at a time: each passes through the shared revocation scheduler, which
    // revokes an old key "now" only when no other pass of it is running.
    const workers = run.action === 'rotate' ? 1 : (this.deps.concurrency ?? BULK_CONCURRENCY)
    await Promise.all(Array.from({ length: workers }, worker))
    await Promise.all(recording)
    // Claimed but never sent (cancelled, interrupted): pending again, as they were.
    for (const key of claimed) key.state = 'pending'
    if (running.cancelled) this.cancelPending(run)
    else run.status = interrupted ? 'waiting' : 'finished'
    this.deps.store.flushNow()
    this.progress(run)
  }

  private apply(run: StoredBulkRun, key: StoredBulkKey, outcome: KeyOutcome): void {
    key.state = outcome.state
    key.reason = outcome.reason
    if (outcome.state === 'done' && outcome.successor) {
      key.successorId = outcome.successor.key.id
      this.secrets.hold(run.id, {
        key: outcome.successor.key,
        replacedName: outcome.replacedName ?? key.keyName,
        value: outcome.successor.value,
        secret: outcome.successor.secret,
      })
    }
  }

  /**
   * Marks `key` "sending" on disk before its request leaves. Revoke, disable and enable claim the next
   * CLAIM_AHEAD - 1 keys of the queue in the same write: one durable write per group instead of per key
   * (the write, not the request, was the bulk run's cost). "Sending" means "may have been sent": after
   * a crash, resume asks the server about every such key (gone or already in the asked state: done;
   * otherwise sent again, which these actions allow). A rotation claims one key at a time: its journal
   * entry, not this mark, guards its successor.
   */
  private claim(run: StoredBulkRun, key: StoredBulkKey, queue: StoredBulkKey[], claimed: Set<StoredBulkKey>): void {
    key.state = 'sending'
    if (run.action !== 'rotate') {
      for (const next of queue.slice(0, CLAIM_AHEAD - 1)) {
        next.state = 'sending'
        claimed.add(next)
      }
    }
    this.deps.store.flushNow()
  }

  /** The journal's entry of a rotation key, while the journal holds it. */
  private rotationEntryOf(key: StoredBulkKey): JournalEntry | undefined {
    return key.idempotencyKey ? this.deps.journal.rotationEntry(key.idempotencyKey) : undefined
  }

  private cancelPending(run: StoredBulkRun): void {
    for (const key of run.keys) {
      if (key.state === 'pending') Object.assign(key, { state: 'skipped', reason: CANCELLED_BEFORE_SENT })
    }
    run.status = 'cancelled'
  }

  private async isActive(run: StoredBulkRun): Promise<boolean> {
    try {
      const scope = await this.deps.connections.activeScope()
      return scope.connection.profile.id === run.profileId && scope.accountId === run.accountId
    } catch {
      return false
    }
  }

  private async scopeOf(run: StoredBulkRun): Promise<ActiveScope> {
    const scope = await this.deps.connections.activeScope()
    if (scope.connection.profile.id !== run.profileId || scope.accountId !== run.accountId) {
      throw new AppError(
        'CONFLICT',
        `This bulk action was on ${run.profileName}${run.accountId ? ` (${run.accountId})` : ''}. Switch to it first.`,
      )
    }
    return scope
  }

  private find(runId: string): StoredBulkRun {
    const run = this.deps.store.get(runId)
    if (!run) throw new AppError('NOT_FOUND', 'There is no such bulk action on this computer.')
    return run
  }

  private view(run: StoredBulkRun): BulkRunView {
    return viewOf(run, this.secrets.count(run.id))
  }

  /**
   * The run's counts, told at most every PROGRESS_EVERY_MS: counting walks every key of the run, and
   * each event crosses to the renderer, which shows no more than a few a second anyway.
   */
  private progressSoon(run: StoredBulkRun): void {
    if (this.progressTimers.has(run.id)) return
    const timer = this.deps.clock.setTimeout(() => {
      this.progressTimers.delete(run.id)
      this.progress(run)
    }, PROGRESS_EVERY_MS)
    this.progressTimers.set(run.id, timer)
  }

  /** The run's status and counts, told now (and a pending `progressSoon` with it). */
  private progress(run: StoredBulkRun): void {
    const timer = this.progressTimers.get(run.id)
    if (timer !== undefined) {
      this.deps.clock.clearTimeout(timer)
      this.progressTimers.delete(run.id)
    }
    this.deps.emit('bulkProgress', { runId: run.id, action: run.action, status: run.status, ...countsOf(run) })
  }
}
