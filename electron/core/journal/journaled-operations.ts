import { randomUUID } from 'node:crypto'
import type { ApiKey } from '@shared/domain/api-key'
import type { CreatedKeyView, GraceOption, KeyChangesData, RotationResult } from '@shared/domain/key-lifecycle'
import type { ConnectionRegistry } from '../connections/connection-registry'
import type { KeyDraft } from '../dialects/dialect-adapter'
import { AppError } from '../errors'
import type { KeyLifecycle } from '../keys/key-lifecycle'
import type { JournalEntry, NewJournalEntry } from './journal-entry'
import type { OperationJournal } from './operation-journal'
import { surelyNotDone } from './outcome'
import { sameDraft } from './same-draft'

/** What a caller of `rotate` may bring and learn (a bulk run records each key's rotation as it goes). */
export interface RotateOptions {
  /** The idempotency key to send (a bulk run chose it per key); an unfinished try of this rotation keeps its own. */
  idempotencyKey?: string | null
  /** The entry is on disk, before any request: this is the idempotency key the create is sent with. */
  journaled?(idempotencyKey: string): void
  /** The server created the successor; its secret is not delivered yet. */
  created?(successor: ApiKey): void
}

/**
 * The key operations the renderer asks for, journaled: an entry is on disk before the first request
 * leaves, and the core chooses the idempotency key. A create or rotation stays in the journal until
 * the renderer says its secret was shown (`secretShown`); a revoke or change until it is answered. A
 * failure that may have reached the server leaves the entry open, and a retry of the same operation
 * reuses its idempotency key (and successor draft), so it never makes a second key.
 */
export class JournaledOperations {
  /** Entries of operations running (or answered) in this run: crash recovery leaves them alone. */
  private readonly live = new Set<string>()

  constructor(
    private readonly deps: {
      journal: OperationJournal
      keys: KeyLifecycle
      connections: Pick<ConnectionRegistry, 'activeScope'>
      /** Entries crash recovery is carrying on right now: a retry waits for it instead of racing it. */
      isRecovering?: (entryId: string) => boolean
    },
  ) {}

  isLive(entryId: string): boolean {
    return this.live.has(entryId)
  }

  async create(draft: KeyDraft): Promise<CreatedKeyView> {
    const { entry, earlier } = await this.open('create', (e) => sameDraft(e.draft, draft), {
      keyId: null,
      keyName: draft.name,
      idempotencyKey: randomUUID(),
      draft,
      changes: null,
      grace: null,
    })
    return this.run(entry, { keepUntilShown: true, mayHaveCreated: earlier }, async () => {
      const created = await this.deps.keys.create(draft, entry.idempotencyKey!)
      this.deps.journal.advance(entry.id, 'created', { keyId: created.key.id })
      return created
    })
  }

  async rotate(keyId: string, grace: GraceOption, options: RotateOptions = {}): Promise<RotationResult> {
    const { entry, earlier } = await this.open('rotate', (e) => e.keyId === keyId, {
      keyId,
      keyName: keyId,
      idempotencyKey: options.idempotencyKey ?? randomUUID(),
      draft: null,
      changes: null,
      grace,
    })
    const { journal } = this.deps
    if (entry.grace !== grace) journal.amend(entry.id, { grace })
    options.journaled?.(entry.idempotencyKey!)
    // An earlier try that drafted its successor may have sent the create: a refusal now does not undo that.
    const mayHaveCreated = earlier && entry.draft !== null
    return this.run(entry, { keepUntilShown: true, mayHaveCreated }, async () => {
      const result = await this.deps.keys.rotate(keyId, grace, entry.idempotencyKey!, {
        draft: entry.draft,
        drafted: (old: ApiKey, successor: KeyDraft) => journal.amend(entry.id, { keyName: old.name, draft: successor }),
        created: (successor: ApiKey) => {
          journal.advance(entry.id, 'created', { successorId: successor.id })
          options.created?.(successor)
        },
      })
      journal.advance(entry.id, 'scheduled')
      return result
    })
  }

  async update(keyId: string, changes: KeyChangesData): Promise<ApiKey> {
    // An earlier change of this key that may not have reached the server is superseded by this one:
    // its fields are sent again under the new ones, and its entry goes, so recovery never sends an
    // older state after a newer one (disable → enable, then a restart re-sending the disable).
    const older = (e: JournalEntry) => e.kind === 'update' && e.keyId === keyId && !this.live.has(e.id)
    const superseded = this.deps.journal.list().filter(older)
    const merged = superseded.reduce<KeyChangesData>((all, e) => ({ ...(e.changes ?? {}), ...all }), changes)
    const { entry } = await this.open('update', () => false, {
      keyId,
      keyName: merged.name ?? keyId,
      idempotencyKey: null,
      draft: null,
      changes: merged,
      grace: null,
    })
    const supersededIds = new Set(superseded.map((e) => e.id))
    this.deps.journal.removeWhere((e) => supersededIds.has(e.id))
    return this.run(entry, { keepUntilShown: false, mayHaveCreated: false }, () => this.deps.keys.update(keyId, merged))
  }

  async revoke(keyId: string): Promise<void> {
    // An earlier revoke of this key whose answer was lost may have deleted it already: if the server no
    // longer has the key, that request did it, and it is recorded so (the audit log agrees with the server).
    const earlier = this.deps.journal
      .list()
      .filter((e) => e.kind === 'revoke' && e.keyId === keyId && !this.live.has(e.id))
    const { entry } = await this.open('revoke', () => false, {
      keyId,
      keyName: earlier.find((e) => e.keyName !== keyId)?.keyName ?? keyId,
      idempotencyKey: null,
      draft: null,
      changes: null,
      grace: null,
    })
    const earlierName = earlier.length > 0 ? entry.keyName : undefined
    await this.run(entry, { keepUntilShown: false, mayHaveCreated: false }, () =>
      this.deps.keys.revoke(keyId, {
        named: (name) => this.deps.journal.amend(entry.id, { keyName: name }),
        ...(earlierName === undefined ? {} : { earlierName }),
      }),
    )
    const earlierIds = new Set(earlier.map((e) => e.id))
    this.deps.journal.removeWhere((e) => earlierIds.has(e.id))
  }

  /** The renderer showed a created key's secret: the create or rotation that made it is over. */
  secretShown(keyId: string): void {
    const gone = this.deps.journal.removeWhere(
      (e) =>
        e.step !== 'sending' &&
        ((e.kind === 'create' && e.keyId === keyId) || (e.kind === 'rotate' && e.successorId === keyId)),
    )
    for (const entry of gone) this.live.delete(entry.id)
  }

  /**
   * The entry of the same unfinished operation (a retry; `earlier`), or a new one, written before any
   * request. One that crash recovery is carrying on right now is not taken from it.
   */
  private async open(
    kind: JournalEntry['kind'],
    same: (entry: JournalEntry) => boolean,
    fields: Omit<NewJournalEntry, 'kind' | 'profileId' | 'accountId'>,
  ): Promise<{ entry: JournalEntry; earlier: boolean }> {
    const { connection, accountId } = await this.deps.connections.activeScope()
    const profileId = connection.profile.id
    const earlier = this.deps.journal
      .forProfile(profileId)
      .find((e) => e.kind === kind && e.accountId === accountId && e.step === 'sending' && same(e))
    if (earlier && this.deps.isRecovering?.(earlier.id)) {
      throw new AppError(
        'CONFLICT',
        `Keywarden is finishing the earlier try of this after a restart (“${earlier.keyName}”). Try again in a moment.`,
      )
    }
    const entry = earlier ?? this.deps.journal.begin({ kind, profileId, accountId, ...fields })
    this.live.add(entry.id)
    return { entry, earlier: earlier !== undefined }
  }

  /**
   * Runs the operation. A refusal ends the entry, unless an earlier try of it may have created its key
   * (`mayHaveCreated`: a retry refused now says nothing about what the first request did); a failure
   * that may have reached the server keeps it for recovery. `keepUntilShown`: the entry stays after
   * success until `secretShown`.
   */
  private async run<T>(
    entry: JournalEntry,
    how: { keepUntilShown: boolean; mayHaveCreated: boolean },
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      const result = await work()
      if (!how.keepUntilShown) this.end(entry.id)
      return result
    } catch (error) {
      const current = this.deps.journal.get(entry.id)
      if (current?.step === 'sending' && surelyNotDone(error) && !how.mayHaveCreated) this.end(entry.id)
      else this.live.delete(entry.id)
      throw error
    }
  }

  private end(entryId: string): void {
    this.deps.journal.remove(entryId)
    this.live.delete(entryId)
  }
}
