import type { Recovery, UnfinishedOperation } from '@shared/contracts/journal'
import type { LocalAuditLog } from '../audit/local-audit-log'
import type { Clock } from '../clock'
import type { ConnectionRegistry } from '../connections/connection-registry'
import { AppError, isAppError } from '../errors'
import type { IssuedSecrets } from '../keys/issued-secrets'
import type { KeyLifecycle } from '../keys/key-lifecycle'
import type { RevocationScheduler } from '../keys/revocation-scheduler'
import type { Logger } from '../log'
import { CrashRecovery } from './crash-recovery'
import { auditKeyAction } from '../keys/audit-key-action'
import { JournaledOperations } from './journaled-operations'
import type { JournalEntry } from './journal-entry'
import { OperationJournal } from './operation-journal'
import { Recoveries } from './recoveries'

export interface JournalServiceDeps {
  dataDir: string
  keys: KeyLifecycle
  issued: IssuedSecrets
  connections: ConnectionRegistry
  revocations: RevocationScheduler
  audit: LocalAuditLog
  clock: Clock
  log: Logger
  announce: (recoveries: Recovery[]) => void
}

/**
 * The journal, the journaled operations, crash recovery and what it found, wired together. Recovery
 * runs once the stored sessions are back (`start`) and whenever a profile becomes signed in.
 */
export class JournalService {
  readonly journal: OperationJournal
  readonly operations: JournaledOperations
  readonly recoveries: Recoveries
  private readonly recovery: CrashRecovery
  private readonly rotationListeners: Array<(entry: JournalEntry, successorId: string | null) => void> = []
  /** Which profiles were signed in when last looked at: a change to signed in starts recovery. */
  private readonly signedIn = new Set<string>()
  private started = false

  constructor(private readonly deps: JournalServiceDeps) {
    this.journal = new OperationJournal({ dataDir: deps.dataDir, clock: deps.clock, log: deps.log })
    this.recoveries = new Recoveries(deps.announce)
    if (this.journal.movedAside)
      this.recoveries.add({ kind: 'notice', profileId: null, message: this.journal.movedAside }, null)
    this.operations = new JournaledOperations({
      journal: this.journal,
      keys: deps.keys,
      connections: deps.connections,
      isRecovering: (id) => this.recovery.isRecovering(id),
    })
    this.recovery = new CrashRecovery({
      journal: this.journal,
      recoveries: this.recoveries,
      isLive: (id) => this.operations.isLive(id),
      connections: deps.connections,
      revocations: deps.revocations,
      audit: deps.audit,
      issued: deps.issued,
      clock: deps.clock,
      log: deps.log,
      rotationSettled: (entry, successorId) => {
        for (const listener of this.rotationListeners) listener(entry, successorId)
      },
    })
  }

  /** Hears the outcome of each rotation recovery carries on (a bulk run records it on its key). */
  onRotationSettled(listener: (entry: JournalEntry, successorId: string | null) => void): void {
    this.rotationListeners.push(listener)
  }

  /** The unfinished rotation sent (or to be sent) with this idempotency key, if the journal still holds it. */
  rotationEntry(idempotencyKey: string): JournalEntry | undefined {
    return this.journal.list().find((e) => e.kind === 'rotate' && e.idempotencyKey === idempotencyKey)
  }

  /** The sessions are restored: carry on what every signed-in profile left unfinished. */
  start(): Promise<void> {
    this.started = true
    return this.recovery.recoverSignedIn(this.profilesNowSignedIn())
  }

  /** A profile's status may have changed: one that just signed in again is recovered. */
  statusesChanged(): void {
    if (!this.started) return
    void this.recovery.recoverSignedIn(this.profilesNowSignedIn())
  }

  /** Acknowledges a recovery item: the outcome reached the user, so its journal entry goes. */
  acknowledge(recoveryId: string): Recovery[] {
    const held = this.recoveries.remove(recoveryId)
    if (held.entryId) this.journal.remove(held.entryId)
    return this.recoveries.list()
  }

  /** Revokes a key created without its secret seen; only in the active profile (sudo mode is about it). */
  async revokeUnseen(recoveryId: string): Promise<Recovery[]> {
    const { recovery, entryId } = this.recoveries.get(recoveryId)
    if (recovery.kind !== 'unseen')
      throw new AppError('VALIDATION', 'Only a key created without its secret seen is revoked here.')
    const connection = this.deps.connections.active()
    if (connection.profile.id !== recovery.profileId) {
      throw new AppError('CONFLICT', `Switch to “${recovery.profileName}” to revoke “${recovery.keyName}”.`)
    }
    const entry = entryId ? this.journal.get(entryId) : undefined
    await connection.adapter
      .deleteKey(connection.context(entry?.accountId ?? null), recovery.keyId)
      .catch((error: unknown) => {
        // Already gone is what the user wanted.
        if (!(isAppError(error) && error.code === 'NOT_FOUND')) throw error
      })
    this.deps.issued.forget(recovery.profileId, recovery.keyId)
    await auditKeyAction(
      this.deps,
      connection,
      'revoked',
      { id: recovery.keyId, name: recovery.keyName },
      'created without its secret seen',
    )
    return this.acknowledge(recoveryId)
  }

  /** What giving up a profile's unfinished operations would lose (signing out, removing it). */
  unfinished(profileId: string): UnfinishedOperation[] {
    return this.journal.forProfile(profileId).map((entry) => ({
      kind: entry.kind,
      keyName: entry.keyName,
      loss: lossOf(entry),
    }))
  }

  /** Refuses while a profile has unfinished operations the user has not agreed to give up. */
  assertNothingUnfinished(profileId: string, action: string): void {
    const open = this.unfinished(profileId)
    if (open.length === 0) return
    throw new AppError(
      'CONFLICT',
      `${action} would lose ${open.length === 1 ? 'an unfinished operation' : `${open.length} unfinished operations`}: ${open.map((o) => o.loss).join(' ')} Confirm to go on anyway.`,
    )
  }

  discardUnfinished(profileId: string): void {
    const gone = this.journal.removeWhere((e) => e.profileId === profileId)
    for (const entry of gone) this.deps.log.info(`journal: the user gave up ${entry.kind} ${entry.id}`)
    this.recoveries.dropProfile(profileId)
  }

  /** Newly signed-in profiles (only those are returned); remembers the others as signed out. */
  private profilesNowSignedIn(): string[] {
    const fresh: string[] = []
    for (const { profile, status } of this.deps.connections.overview().profiles) {
      if (status === 'signed-in' && !this.signedIn.has(profile.id)) fresh.push(profile.id)
      if (status === 'signed-in') this.signedIn.add(profile.id)
      else if (status !== 'offline') this.signedIn.delete(profile.id)
    }
    return fresh
  }
}

function lossOf(entry: JournalEntry): string {
  switch (entry.kind) {
    case 'create':
      return `“${entry.keyName}” may have been created, and its secret would never be shown.`
    case 'rotate':
      return `The rotation of “${entry.keyName}” may leave its successor's secret unseen and the old key unrevoked.`
    case 'revoke':
      return `Revoking “${entry.keyName}” may not be finished.`
    case 'update':
      return `Changing “${entry.keyName}” may not be finished.`
  }
}
