import { randomUUID } from 'node:crypto'
import type { ApiKey } from '@shared/domain/api-key'
import type { CreatedKeyView, GraceOption, KeyChangesData, RotationResult } from '@shared/domain/key-lifecycle'
import type { ConnectionRegistry } from '../connections/connection-registry'
import type { KeyDraft } from '../dialects/dialect-adapter'
import type { KeyLifecycle } from '../keys/key-lifecycle'
import type { JournalEntry, NewJournalEntry } from './journal-entry'
import type { OperationJournal } from './operation-journal'
import { surelyNotDone } from './outcome'
import { sameDraft } from './same-draft'

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
    },
  ) {}

  isLive(entryId: string): boolean {
    return this.live.has(entryId)
  }

  async create(draft: KeyDraft): Promise<CreatedKeyView> {
    const entry = await this.open('create', (e) => sameDraft(e.draft, draft), {
      keyId: null,
      keyName: draft.name,
      idempotencyKey: randomUUID(),
      draft,
      changes: null,
      grace: null,
    })
    return this.run(entry, true, async () => {
      const created = await this.deps.keys.create(draft, entry.idempotencyKey!)
      this.deps.journal.advance(entry.id, 'created', { keyId: created.key.id })
      return created
    })
  }

  async rotate(keyId: string, grace: GraceOption): Promise<RotationResult> {
    const entry = await this.open('rotate', (e) => e.keyId === keyId, {
      keyId,
      keyName: keyId,
      idempotencyKey: randomUUID(),
      draft: null,
      changes: null,
      grace,
    })
    const { journal } = this.deps
    if (entry.grace !== grace) journal.amend(entry.id, { grace })
    return this.run(entry, true, async () => {
      const result = await this.deps.keys.rotate(keyId, grace, entry.idempotencyKey!, {
        draft: entry.draft,
        drafted: (old: ApiKey, successor: KeyDraft) => journal.amend(entry.id, { keyName: old.name, draft: successor }),
        created: (successor: ApiKey) => journal.advance(entry.id, 'created', { successorId: successor.id }),
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
    const entry = await this.open('update', () => false, {
      keyId,
      keyName: merged.name ?? keyId,
      idempotencyKey: null,
      draft: null,
      changes: merged,
      grace: null,
    })
    const supersededIds = new Set(superseded.map((e) => e.id))
    this.deps.journal.removeWhere((e) => supersededIds.has(e.id))
    return this.run(entry, false, () => this.deps.keys.update(keyId, merged))
  }

  async revoke(keyId: string): Promise<void> {
    // An earlier revoke of this key whose answer was lost may have deleted it already: if the server no
    // longer has the key, that request did it, and it is recorded so (the audit log agrees with the server).
    const earlier = this.deps.journal
      .list()
      .filter((e) => e.kind === 'revoke' && e.keyId === keyId && !this.live.has(e.id))
    const entry = await this.open('revoke', () => false, {
      keyId,
      keyName: earlier.find((e) => e.keyName !== keyId)?.keyName ?? keyId,
      idempotencyKey: null,
      draft: null,
      changes: null,
      grace: null,
    })
    const earlierName = earlier.length > 0 ? entry.keyName : undefined
    await this.run(entry, false, () =>
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

  /** The entry of the same unfinished operation (a retry), or a new one, written before any request. */
  private async open(
    kind: JournalEntry['kind'],
    same: (entry: JournalEntry) => boolean,
    fields: Omit<NewJournalEntry, 'kind' | 'profileId' | 'accountId'>,
  ): Promise<JournalEntry> {
    const { connection, accountId } = await this.deps.connections.activeScope()
    const profileId = connection.profile.id
    const earlier = this.deps.journal
      .forProfile(profileId)
      .find((e) => e.kind === kind && e.accountId === accountId && e.step === 'sending' && same(e))
    const entry = earlier ?? this.deps.journal.begin({ kind, profileId, accountId, ...fields })
    this.live.add(entry.id)
    return entry
  }

  /**
   * Runs the operation. A refusal ends the entry; a failure that may have reached the server keeps
   * it for recovery. `keepUntilShown`: the entry stays after success until `secretShown`.
   */
  private async run<T>(entry: JournalEntry, keepUntilShown: boolean, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work()
      if (!keepUntilShown) this.end(entry.id)
      return result
    } catch (error) {
      const current = this.deps.journal.get(entry.id)
      if (current?.step === 'sending' && surelyNotDone(error)) this.end(entry.id)
      else this.live.delete(entry.id)
      throw error
    }
  }

  private end(entryId: string): void {
    this.deps.journal.remove(entryId)
    this.live.delete(entryId)
  }
}
