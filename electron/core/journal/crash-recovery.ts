import type { ApiKey } from '@shared/domain/api-key'
import { graceMs, type CreatedKeyView, type LocalAuditEntry } from '@shared/domain/key-lifecycle'
import type { LocalAuditLog } from '../audit/local-audit-log'
import type { Clock } from '../clock'
import type { Connection } from '../connections/connection'
import type { ConnectionRegistry } from '../connections/connection-registry'
import type { CallContext } from '../dialects/dialect-adapter'
import { describeError, isAppError } from '../errors'
import { auditKeyAction } from '../keys/audit-key-action'
import type { IssuedSecrets } from '../keys/issued-secrets'
import type { RevocationScheduler } from '../keys/revocation-scheduler'
import type { Logger } from '../log'
import type { JournalEntry } from './journal-entry'
import type { OperationJournal } from './operation-journal'
import { worthRetrying } from './outcome'
import type { Recoveries } from './recoveries'
import { canReplay } from './replay-window'

export interface CrashRecoveryDeps {
  journal: OperationJournal
  recoveries: Recoveries
  /** Entries of operations of this run, which are not crash leftovers. */
  isLive: (entryId: string) => boolean
  connections: Pick<ConnectionRegistry, 'get'>
  revocations: Pick<RevocationScheduler, 'schedule' | 'start'>
  audit: LocalAuditLog
  issued: IssuedSecrets
  clock: Clock
  log: Logger
  /**
   * A rotation's outcome became known: its successor (or null: none was made). Told before the entry
   * can go and before the user hears of it, so whoever also keeps that rotation (a bulk run) never
   * acts on the key again.
   */
  rotationSettled?: (entry: JournalEntry, successorId: string | null) => void
}

/** A create may look for its key by name from a little before it was journaled (clocks differ). */
const CLOCK_SLACK_MS = 5 * 60_000

/**
 * Carries on what a crash interrupted, for one signed-in profile: a create or rotation whose answer
 * never reached the user is sent again with the same idempotency key (the server answers with the
 * same key and secret) and its secret is held for the one-time dialog; where that cannot be, the key
 * is found and reported as created without its secret seen; a rotation's old key gets the revocation
 * the user chose; a revoke or change is sent again. The server being away leaves the entry for the
 * next sign-in or start.
 */
export class CrashRecovery {
  private readonly running = new Set<string>()

  constructor(private readonly deps: CrashRecoveryDeps) {}

  /** Whether recovery is carrying this entry on right now. */
  isRecovering(entryId: string): boolean {
    return this.running.has(entryId)
  }

  /** Recovers every profile that is signed in now. */
  async recoverSignedIn(profileIds: readonly string[]): Promise<void> {
    await Promise.all(profileIds.map((id) => this.recoverProfile(id)))
  }

  async recoverProfile(profileId: string): Promise<void> {
    const connection = this.deps.connections.get(profileId)
    if (!connection || connection.session.current().status !== 'signed-in') return
    const entries = this.deps.journal
      .forProfile(profileId)
      .filter((e) => !this.deps.isLive(e.id) && !this.running.has(e.id) && !this.deps.recoveries.covers(e.id))
    for (const entry of entries) {
      // A retry in this run may have taken it up meanwhile (it is live now): it is that retry's.
      if (this.deps.isLive(entry.id) || this.running.has(entry.id) || !this.deps.journal.get(entry.id)) continue
      this.running.add(entry.id)
      try {
        await this.recover(connection, entry)
      } catch (error) {
        this.deps.log.warn(
          `journal: recovering ${entry.kind} ${entry.id} failed, kept for later: ${describeError(error)}`,
        )
      } finally {
        this.running.delete(entry.id)
      }
    }
  }

  private async recover(connection: Connection, entry: JournalEntry): Promise<void> {
    const context = connection.context(entry.accountId)
    if (entry.kind === 'revoke' || entry.kind === 'update') return this.resend(connection, context, entry)
    if (entry.draft === null) {
      // A rotation that stopped before its successor was even drafted sent no create.
      this.settled(entry, null)
      this.deps.journal.remove(entry.id)
      this.notice(
        entry,
        `Keywarden closed before rotating “${entry.keyName}”; nothing was changed. Rotate it again if you still want to.`,
      )
      return
    }
    if (canReplay(connection.profile.dialect, entry.startedAt, this.deps.clock.now())) {
      try {
        const created = await connection.adapter.createKey(context, entry.draft, entry.idempotencyKey!)
        return await this.replayed(connection, context, entry, created)
      } catch (error) {
        if (worthRetrying(error)) throw error
        this.deps.log.info(`journal: replay of ${entry.id} refused (${describeError(error)}); looking for its key`)
      }
    }
    await this.withoutSecret(connection, context, entry)
  }

  /** The server answered the replay: the same key and secret as the lost first answer. */
  private async replayed(
    connection: Connection,
    context: CallContext,
    entry: JournalEntry,
    created: CreatedKeyView,
  ): Promise<void> {
    const { journal } = this.deps
    const before = entry.step
    journal.advance(entry.id, before === 'sending' ? 'created' : before, {
      ...(entry.kind === 'create' ? { keyId: created.key.id } : { successorId: created.key.id }),
    })
    this.settled(entry, created.key.id)
    // The first try may or may not have logged the key before the crash (a rotation's step "created" is
    // written before its log entries): logged once either way.
    await this.auditCreatedOnce(connection, created.key, 'recovered after Keywarden closed')
    const dueAt = entry.kind === 'rotate' ? await this.finishRotation(connection, context, entry, created.key) : null
    this.deps.issued.remember(connection.profile.id, created.key.id, { value: created.value, secret: created.secret })
    this.deps.recoveries.add(
      {
        kind: 'secret',
        operation: entry.kind === 'rotate' ? 'rotate' : 'create',
        profileId: connection.profile.id,
        profileName: connection.profile.name,
        keyId: created.key.id,
        keyName: created.key.name,
        replaced: entry.kind === 'rotate' ? { name: entry.keyName, dueAt } : null,
        canReveal: connection.adapter.capabilities.canReveal,
      },
      entry.id,
      created,
    )
  }

  /** A rotation's successor exists: the old key's revocation is scheduled as the user chose, if it was not yet. */
  private async finishRotation(
    connection: Connection,
    context: CallContext,
    entry: JournalEntry,
    successor: ApiKey,
  ): Promise<string | null> {
    const dueAt = new Date(Date.parse(entry.startedAt) + graceMs[entry.grace ?? 'now']).toISOString()
    if (entry.step === 'scheduled') return dueAt
    const old = { id: entry.keyId!, name: entry.keyName }
    this.deps.revocations.schedule({
      profileId: connection.profile.id,
      profileName: connection.profile.name,
      accountId: context.accountId,
      keyId: old.id,
      keyName: old.name,
      dueAt,
    })
    this.deps.revocations.start()
    this.deps.journal.advance(entry.id, 'scheduled', { successorId: successor.id })
    await this.auditOf(
      connection,
      'rotated',
      old,
      `successor “${successor.name}” (${successor.id}); finished after Keywarden closed`,
    )
    this.notice(entry, `Keywarden finished rotating “${old.name}”: the old key is revoked as you chose.`)
    return dueAt
  }

  /** The secret cannot be shown again: find the key the operation made, if any, and say so. */
  private async withoutSecret(connection: Connection, context: CallContext, entry: JournalEntry): Promise<void> {
    const key = await this.findCreated(connection, context, entry)
    this.settled(entry, key?.id ?? null)
    if (!key) {
      this.deps.journal.remove(entry.id)
      this.notice(
        entry,
        entry.kind === 'create'
          ? `Keywarden closed while creating “${entry.keyName}”; the server did not create it. Create it again if you still need it.`
          : `Keywarden closed while rotating “${entry.keyName}”; no successor was created and the key is unchanged.`,
      )
      return
    }
    await this.auditCreatedOnce(connection, key, 'found after Keywarden closed; its secret was not seen')
    if (entry.kind === 'rotate') await this.finishRotation(connection, context, entry, key)
    this.deps.recoveries.add(
      {
        kind: 'unseen',
        profileId: connection.profile.id,
        profileName: connection.profile.name,
        keyId: key.id,
        keyName: key.name,
        reason: `Keywarden closed while ${entry.kind === 'create' ? 'creating' : 'rotating'} it, and ${connection.profile.name} no longer shows its secret.`,
      },
      entry.id,
    )
  }

  private async findCreated(
    connection: Connection,
    context: CallContext,
    entry: JournalEntry,
  ): Promise<ApiKey | undefined> {
    const known = entry.kind === 'create' ? entry.keyId : entry.successorId
    const keys = await connection.adapter.listKeys(context)
    if (known) return keys.find((k) => k.id === known)
    const since = Date.parse(entry.startedAt) - CLOCK_SLACK_MS
    return keys.find((k) => k.name === entry.draft?.name && Date.parse(k.createdAt) >= since)
  }

  /** A revoke or change is sent again; a key already gone counts as revoked. */
  private async resend(connection: Connection, context: CallContext, entry: JournalEntry): Promise<void> {
    const { adapter } = connection
    const keyId = entry.keyId!
    try {
      if (entry.kind === 'revoke') await adapter.deleteKey(context, keyId)
      else await adapter.updateKey(context, keyId, entry.changes ?? {})
    } catch (error) {
      if (worthRetrying(error)) throw error
      const gone = isAppError(error) && error.code === 'NOT_FOUND'
      if (!(entry.kind === 'revoke' && gone)) {
        this.deps.journal.remove(entry.id)
        this.notice(
          entry,
          `Keywarden closed while changing “${entry.keyName}”; sending it again failed: ${(error as Error).message}`,
        )
        return
      }
    }
    this.deps.journal.remove(entry.id)
    await this.auditOf(
      connection,
      entry.kind === 'revoke' ? 'revoked' : 'updated',
      { id: keyId, name: entry.keyName },
      'finished after Keywarden closed',
    )
    this.notice(
      entry,
      entry.kind === 'revoke'
        ? `Keywarden finished revoking “${entry.keyName}” after it closed.`
        : `Keywarden finished changing “${entry.keyName}” after it closed.`,
    )
  }

  /** The local audit log says "created" for a key exactly once, whichever run of Keywarden got to it. */
  private async auditCreatedOnce(
    connection: Connection,
    key: Pick<ApiKey, 'id' | 'name'>,
    detail: string,
  ): Promise<void> {
    const logged = (await this.deps.audit.list()).some((e) => e.action === 'created' && e.keyId === key.id)
    if (!logged) await this.auditOf(connection, 'created', key, detail)
  }

  private settled(entry: JournalEntry, successorId: string | null): void {
    if (entry.kind === 'rotate') this.deps.rotationSettled?.(entry, successorId)
  }

  private notice(entry: JournalEntry, message: string): void {
    this.deps.recoveries.add({ kind: 'notice', profileId: entry.profileId, message }, null)
  }

  private auditOf(
    connection: Connection,
    action: LocalAuditEntry['action'],
    key: Pick<ApiKey, 'id' | 'name'>,
    detail: string,
  ): Promise<void> {
    return auditKeyAction(this.deps, connection, action, key, detail)
  }
}
