import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import { readDurableJson, writeDurableJson } from '../storage/durable-json-file'
import {
  JOURNAL_FORMAT,
  journalEntrySchema,
  journalFileSchema,
  type JournalEntry,
  type JournalStep,
  type NewJournalEntry,
} from './journal-entry'

export const JOURNAL_FILE = 'operation-journal.json'

/**
 * The operation journal: every create, rotate, revoke and enable/disable is written here, durably
 * (fsync + atomic rename), before its first request leaves, and removed only once its outcome
 * reached the user. After a crash the entries left say what to carry on. A journal that is corrupt
 * or from a newer Keywarden is moved aside (kept) and `movedAside` says so; the app goes on with an
 * empty one.
 */
export class OperationJournal {
  private entries: JournalEntry[] = []
  /** The message of a journal moved aside at load, until the user has seen it. */
  readonly movedAside: string | undefined

  constructor(private readonly deps: { dataDir: string; clock: Clock; log: Logger }) {
    const read = readDurableJson(this.path, JOURNAL_FORMAT, journalFileSchema, 'The operation journal')
    if (read.status === 'ok') this.entries = read.data.entries
    if (read.status === 'moved-aside') {
      this.movedAside = read.message
      deps.log.warn(read.message)
    }
  }

  get path(): string {
    return join(this.deps.dataDir, JOURNAL_FILE)
  }

  list(): readonly JournalEntry[] {
    return this.entries
  }

  get(id: string): JournalEntry | undefined {
    return this.entries.find((e) => e.id === id)
  }

  forProfile(profileId: string): JournalEntry[] {
    return this.entries.filter((e) => e.profileId === profileId)
  }

  /** Writes a new entry at step `sending`; returns it once it is on disk. */
  begin(entry: NewJournalEntry): JournalEntry {
    const at = this.now()
    // Parsed with the strict schema: a field the journal does not know (a value, a secret) is refused, never written.
    const written = journalEntrySchema.parse({
      ...entry,
      successorId: entry.successorId ?? null,
      id: randomUUID(),
      step: 'sending',
      startedAt: at,
      updatedAt: at,
    })
    this.save([...this.entries, written])
    return written
  }

  /** Records the step an entry reached (and what it learnt: a key id, a successor draft). */
  advance(
    id: string,
    step: JournalStep,
    learnt: Partial<Pick<JournalEntry, 'keyId' | 'successorId' | 'draft' | 'keyName' | 'grace'>> = {},
  ): JournalEntry | undefined {
    const entry = this.get(id)
    if (!entry) return undefined
    const next = journalEntrySchema.parse({ ...entry, ...learnt, step, updatedAt: this.now() })
    this.save(this.entries.map((e) => (e.id === id ? next : e)))
    return next
  }

  /** Changes what an entry says without moving its step (a rotation learnt the old key's name and its successor draft). */
  amend(id: string, learnt: Partial<Pick<JournalEntry, 'keyName' | 'draft' | 'grace'>>): JournalEntry | undefined {
    const entry = this.get(id)
    return entry ? this.advance(id, entry.step, learnt) : undefined
  }

  /** Removes an entry whose outcome was delivered (or that the user let go). */
  remove(id: string): void {
    if (!this.get(id)) return
    this.save(this.entries.filter((e) => e.id !== id))
  }

  removeWhere(match: (entry: JournalEntry) => boolean): JournalEntry[] {
    const gone = this.entries.filter(match)
    if (gone.length > 0) this.save(this.entries.filter((e) => !match(e)))
    return gone
  }

  private save(entries: JournalEntry[]): void {
    writeDurableJson(this.path, JOURNAL_FORMAT, { entries })
    this.entries = entries
  }

  private now(): string {
    return new Date(this.deps.clock.now()).toISOString()
  }
}
