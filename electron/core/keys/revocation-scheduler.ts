import { neverConnected } from '../http/http-errors'
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { PendingRevocation } from '@shared/domain/key-lifecycle'
import type { LocalAuditLog } from '../audit/local-audit-log'
import type { Clock } from '../clock'
import type { ConnectionRegistry } from '../connections/connection-registry'
import { describeError, isAppError } from '../errors'
import type { Logger } from '../log'
import type { EventSink } from '../platform'
import type { SettingsStore } from '../settings/settings-store'

const KEY = 'pendingRevocations'
const pendingSchema = z.array(
  z.object({
    id: z.string(),
    profileId: z.string(),
    profileName: z.string(),
    accountId: z.string().nullable(),
    keyId: z.string(),
    keyName: z.string(),
    dueAt: z.string(),
    attempts: z.number().int().min(0),
    lastError: z.string().nullable(),
  }),
)

/** After a failure, the next try waits 1, 5, then 15 minutes (and 15 from then on). */
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000]

/**
 * Revocations that wait for a grace period after a rotation. They are persisted in the settings
 * store, carried out when due (also after a restart), and a failure is retried and reported —
 * a pending revocation is only ever removed by succeeding.
 */
export class RevocationScheduler {
  private timer: unknown
  private running: Promise<void> | undefined

  constructor(
    private readonly deps: {
      store: SettingsStore
      connections: Pick<ConnectionRegistry, 'get'>
      clock: Clock
      audit: LocalAuditLog
      emit: EventSink
      log: Logger
    },
  ) {}

  list(): PendingRevocation[] {
    const parsed = pendingSchema.safeParse(this.deps.store.get(KEY) ?? [])
    if (!parsed.success) this.deps.log.error('settings: the pending revocations are unreadable; leaving them untouched')
    return parsed.success ? parsed.data : []
  }

  schedule(entry: Omit<PendingRevocation, 'id' | 'attempts' | 'lastError'>): PendingRevocation {
    const pending: PendingRevocation = { ...entry, id: randomUUID(), attempts: 0, lastError: null }
    this.save([...this.list(), pending])
    this.arm()
    return pending
  }

  /** Arms the timer for the earliest due revocation; at start-up this also runs any overdue ones. */
  start(): void {
    this.arm()
  }

  stop(): void {
    this.deps.clock.clearTimeout(this.timer)
    this.timer = undefined
  }

  /** Carries out every due revocation now. */
  runDue(): Promise<void> {
    this.running ??= this.runDueOnce().finally(() => {
      this.running = undefined
      this.arm()
    })
    return this.running
  }

  private async runDueOnce(): Promise<void> {
    const now = this.deps.clock.now()
    for (const pending of this.list().filter((p) => Date.parse(p.dueAt) <= now)) {
      try {
        await this.revoke(pending)
        // Logged before the pending entry goes: a kill in between sends the DELETE again (the key is gone
        // by then, which counts as done) and finds it logged, so the log says "revoked" once, never not at all.
        const logged = (await this.deps.audit.list()).some((e) => e.action === 'revoked' && e.keyId === pending.keyId)
        if (!logged)
          await this.deps.audit.record(this.auditEntry(pending, 'revoked', 'after the rotation grace period'))
        this.save(this.list().filter((p) => p.id !== pending.id))
        this.deps.emit('keysChanged', { profileId: pending.profileId })
      } catch (error) {
        const message = isAppError(error) ? error.message : describeError(error)
        const delay = RETRY_DELAYS_MS[Math.min(pending.attempts, RETRY_DELAYS_MS.length - 1)]!
        this.save(
          this.list().map((p) =>
            p.id === pending.id
              ? { ...p, attempts: p.attempts + 1, lastError: message, dueAt: new Date(now + delay).toISOString() }
              : p,
          ),
        )
        this.deps.log.warn(`revocation of key ${pending.keyId} failed (attempt ${pending.attempts + 1}): ${message}`)
        await this.deps.audit.record(this.auditEntry(pending, 'revocation-failed', message))
      }
    }
    this.deps.emit('revocationsChanged', this.list())
  }

  private async revoke(pending: PendingRevocation): Promise<void> {
    const connection = this.deps.connections.get(pending.profileId)
    if (!connection)
      throw new Error(`the profile “${pending.profileName}” was removed; add it again to carry out this revocation`)
    await connection.session.restored
    if (connection.session.current().status !== 'signed-in')
      throw new Error(`sign in to “${pending.profileName}” to carry out this revocation`)
    const context = { accountId: pending.accountId, signal: new AbortController().signal }
    try {
      await connection.adapter.deleteKey(context, pending.keyId)
    } catch (error) {
      // Already gone (revoked by hand, or by another device): the goal is reached.
      if (isAppError(error) && error.code === 'NOT_FOUND') return
      if (neverConnected(error)) throw error
      // The DELETE may have reached the server though its answer was lost: if the key is gone, it is done.
      const gone = await connection.adapter.getKey(context, pending.keyId).then(
        () => false,
        (lookup: unknown) => isAppError(lookup) && lookup.code === 'NOT_FOUND',
      )
      if (gone) return
      throw error
    }
  }

  private arm(): void {
    this.deps.clock.clearTimeout(this.timer)
    const next = this.list().reduce<number | undefined>(
      (min, p) => Math.min(min ?? Infinity, Date.parse(p.dueAt)),
      undefined,
    )
    if (next === undefined) return
    this.timer = this.deps.clock.setTimeout(() => void this.runDue(), Math.max(0, next - this.deps.clock.now()))
  }

  private save(list: PendingRevocation[]): void {
    this.deps.store.set(KEY, list)
  }

  private auditEntry(pending: PendingRevocation, action: 'revoked' | 'revocation-failed', detail: string) {
    const session = this.deps.connections.get(pending.profileId)?.session.current()
    return {
      at: new Date(this.deps.clock.now()).toISOString(),
      actor: session?.status === 'signed-in' ? session.user.name : 'Keywarden',
      profileName: pending.profileName,
      action,
      keyId: pending.keyId,
      keyName: pending.keyName,
      detail,
    }
  }
}
