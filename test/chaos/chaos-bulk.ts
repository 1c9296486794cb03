/**
 * The bulk part of the chaos session: revoke / disable / enable / rotate (one grace) on 2–6 live
 * keys, sometimes cancelled, the host sometimes SIGKILLed while the run goes on. After a restart the
 * run resumes by itself; once it ends, its per-key results are read, every new secret of a bulk
 * rotation is taken (takeBulkSecret) until none is left, and all of it goes into the ledger.
 */
import type { BulkAction, BulkRunView } from '@shared/contracts/bulk'
import type { GraceOption } from '@shared/domain/key-lifecycle'
import type { Sandbox } from '@sandbox/server'
import { HostCallError, HostGoneError } from '../support/host-contract-client'
import { lineageOf, type ChaosLedger } from './chaos-ledger'
import type { ProxiedHost } from './proxied-host'

export interface BulkLiveKey {
  name: string
  enabled: boolean
}

/** What the chaos session shares with its bulk part. */
export interface BulkChaosContext {
  sandbox: Sandbox
  h: () => ProxiedHost
  ledger: ChaosLedger
  random: () => number
  live: Map<string, BulkLiveKey>
  /** Revocations to ask again (one by one) at the end. */
  revokeLater: Set<string>
}

interface AskedRun {
  action: BulkAction
  keys: Map<string, BulkLiveKey>
  /** The run's id once startBulkRun answered; null while a kill may have cut off its answer. */
  runId: string | null
  /** Read after a restart (a kill came while it ran or before it was read): it resumed by itself. */
  afterRestart: boolean
}

const ACTIONS: BulkAction[] = ['revoke', 'disable', 'enable', 'rotate']
const ENDED = new Set(['finished', 'cancelled'])
const POLL_MS = 25
/** Polls of one run before the session moves on (bounds the wait; the run is read again later). */
const POLLS = 400
/** Times a rotation run with failed keys is tried again. */
const RETRIES = 2

export class BulkChaos {
  private readonly asked: AskedRun[] = []
  /** Runs read to the end. */
  private readonly reconciled = new Set<string>()

  constructor(private readonly c: BulkChaosContext) {}

  /** One bulk run: start, maybe cancel, wait for its end, read its results and take its secrets. */
  async run(): Promise<void> {
    const { ledger, random, live } = this.c
    if (live.size < 2) {
      ledger.count('bulk: skipped, fewer than 2 live keys')
      return
    }
    const action = ACTIONS[Math.floor(random() * ACTIONS.length)]!
    const grace: GraceOption | undefined = action === 'rotate' ? (random() < 0.5 ? 'now' : '1h') : undefined
    const ids = [...live.keys()].sort(() => random() - 0.5).slice(0, 2 + Math.floor(random() * 5))
    const asked: AskedRun = {
      action,
      keys: new Map(ids.map((id) => [id, live.get(id)!])),
      runId: null,
      afterRestart: false,
    }
    ledger.count(`op: bulk ${action}`)
    ledger.count(`bulk keys asked: ${action}`, ids.length)
    // The keys are the run's now: no single operation touches them until it is read to the end.
    for (const id of ids) {
      live.delete(id)
      if (action === 'rotate') ledger.rotationAsked(lineageOf(asked.keys.get(id)!.name))
      ledger.note(id, `bulk ${action} asked (${ids.length} keys)`)
    }
    this.asked.push(asked)
    let view: BulkRunView
    try {
      view = await this.c.h().client.call('startBulkRun', { action, keyIds: ids, ...(grace ? { grace } : {}) })
    } catch (error) {
      if (error instanceof HostGoneError) throw error // The restart looks for it on disk.
      this.forget(asked, error)
      throw error
    }
    asked.runId = view.id
    if (random() < 0.25) {
      ledger.count('bulk: cancelled')
      await this.c.h().client.call('cancelBulkRun', { runId: view.id })
    }
    await this.finish(asked)
  }

  /** After a restart (and at the end): every run not read yet is matched, waited for and read. */
  async afterRestart(): Promise<void> {
    const runs = await this.c.h().client.call('listBulkRuns')
    for (const asked of this.asked) {
      if (asked.runId && this.reconciled.has(asked.runId)) continue
      if (!asked.runId) {
        const ids = [...asked.keys.keys()].sort().join(',')
        const found = runs.find(
          (r) =>
            r.keys
              .map((k) => k.keyId)
              .sort()
              .join(',') === ids,
        )
        if (!found) {
          this.forget(asked, new Error('the kill came before the run was written'))
          continue
        }
        asked.runId = found.id
      }
      asked.afterRestart = true
      await this.finish(asked)
    }
  }

  /** Runs that never ended (checked at the end of the session). */
  unfinished(): string[] {
    return this.asked.filter((a) => a.runId && !this.reconciled.has(a.runId)).map((a) => a.runId!)
  }

  private forget(asked: AskedRun, why: unknown): void {
    const { ledger } = this.c
    this.asked.splice(this.asked.indexOf(asked), 1)
    ledger.count(`bulk: not started (${why instanceof HostCallError ? why.data.code : 'killed'})`)
    for (const [id, key] of asked.keys) {
      ledger.note(id, `bulk ${asked.action} not started: ${String(why)}`)
      this.c.live.set(id, key)
    }
  }

  private async finish(asked: AskedRun): Promise<void> {
    let view = await this.ended(asked.runId!)
    if (!ENDED.has(view.status)) {
      this.c.ledger.count(`bulk: still ${view.status} when the session moved on`)
      return
    }
    // A failed rotation may have made its successor: the user tries the run again (same idempotency keys).
    for (let n = 0; n < RETRIES && asked.action === 'rotate' && view.counts.failed > 0; n++) {
      this.c.ledger.count('bulk: rotation runs tried again')
      await this.c.h().client.call('retryBulkRun', { runId: view.id })
      view = await this.ended(view.id)
    }
    if (asked.action === 'rotate') await this.takeSecrets(view)
    this.read(asked, view)
  }

  /** The run once it ended, or as it is after the bounded wait. */
  private async ended(runId: string): Promise<BulkRunView> {
    const { client } = this.c.h()
    for (let n = 0; ; n++) {
      const view = (await client.call('listBulkRuns')).find((r) => r.id === runId)
      if (!view) throw new Error(`bulk run ${runId} is no longer listed`)
      if (ENDED.has(view.status) || n >= POLLS) return view
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  }

  /**
   * Every held secret, handed out once each and shown as the one-time dialog shows it: it tells the
   * host "shown" (the journal lets the rotation go). A kill before that is a lost acknowledgement.
   */
  private async takeSecrets(view: BulkRunView): Promise<void> {
    const { client } = this.c.h()
    const { ledger, sandbox } = this.c
    for (let secret = await client.call('takeBulkSecret', { runId: view.id }); secret;) {
      const stored = await sandbox.deps.keys.get('gateway', secret.key.id)
      ledger.delivered(secret.key.id, secret.key.name, secret.value, stored)
      ledger.note(secret.key.id, `bulk rotation's secret taken (replaced ${secret.replacedName})`)
      ledger.count('bulk: rotated secrets taken')
      this.c.live.set(secret.key.id, { name: secret.key.name, enabled: secret.key.status === 'active' })
      try {
        await client.call('secretShown', { keyId: secret.key.id })
      } catch (error) {
        if (error instanceof HostGoneError) ledger.lostAck(secret.key.id)
        throw error
      }
      secret = await client.call('takeBulkSecret', { runId: view.id })
    }
  }

  private read(asked: AskedRun, view: BulkRunView): void {
    const { ledger, live, revokeLater } = this.c
    this.reconciled.add(view.id)
    ledger.count(`bulk runs ${view.status}${asked.afterRestart ? ' (read after a restart)' : ''}`)
    for (const key of view.keys) {
      const mine = asked.keys.get(key.keyId)
      if (!mine) {
        ledger.violation(key.keyId, `bulk run ${view.id} lists ${key.keyId}, which it was not asked to act on`)
        continue
      }
      ledger.count(`bulk keys: ${asked.action} ${key.state}`)
      ledger.note(key.keyId, `bulk ${asked.action} ${key.state}${key.reason ? `: ${key.reason}` : ''}`)
      if (key.state === 'pending' || key.state === 'sending')
        ledger.violation(key.keyId, `bulk run ${view.id} ended ${view.status} with ${key.keyId} still ${key.state}`)
      if ((key.state === 'failed' || key.state === 'skipped') && !key.reason)
        ledger.violation(key.keyId, `bulk ${asked.action} of ${key.keyId} ended ${key.state} without a reason`)
      if (asked.action === 'revoke') {
        ledger.bulkRevoked.add(key.keyId)
        if (key.state === 'done') ledger.revocationsAsked.add(key.keyId)
        else if (key.state === 'failed') revokeLater.add(key.keyId)
        else if (key.state === 'skipped' && key.reason === 'cancelled before it was sent') live.set(key.keyId, mine)
      } else if (asked.action === 'rotate') {
        if (key.state === 'done') {
          ledger.revocationsAsked.add(key.keyId)
          if (!key.successorId) ledger.violation(key.keyId, `bulk rotation of ${key.keyId} is done without a successor`)
          else {
            ledger.note(key.successorId, `successor of ${key.keyId} by bulk run ${view.id}`)
            // Its secret was not taken here (a kill came first): a restart's recovery must show it or report
            // it (kind "unseen"); the run's result alone is no report.
            if (!ledger.deliveries.has(key.successorId)) ledger.count('bulk: rotated secrets left to recovery')
          }
        } else if (key.state === 'skipped' && key.reason === 'cancelled before it was sent') live.set(key.keyId, mine)
      } else {
        const enabled = asked.action === 'enable'
        if (key.state === 'done') {
          ledger.editsAsked.set(key.keyId, enabled)
          mine.enabled = enabled
        } else if (key.state === 'failed') ledger.editsAsked.delete(key.keyId) // It may or may not have reached.
        live.set(key.keyId, mine)
      }
    }
  }
}
