import { appendFileSync, mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import type { LocalAuditEntry } from '@shared/domain/key-lifecycle'
import type { Logger } from '../log'

const entrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  profileName: z.string(),
  action: z.enum([
    'created',
    'revealed',
    'updated',
    'disabled',
    'enabled',
    'revoked',
    'rotated',
    'kept-in-keychain',
    'revocation-failed',
    'sudo-granted',
    'sudo-refused',
    'locked',
    'unlocked',
  ]),
  keyId: z.string(),
  keyName: z.string(),
  detail: z.string().nullable(),
})

/** Entries recorded within this long of the first one waiting go together in one append. */
const GROUP_MS = 5

/**
 * Who did what to which key, and when, on this computer: one JSON line per event, appended.
 * It never holds a key value or secret — callers pass names and ids only.
 */
export class LocalAuditLog {
  /** The last append asked for: `list` waits for it. */
  private writing: Promise<void> = Promise.resolve()
  /** Lines waiting for the next append, and the append that will take them. */
  private queued: string[] = []
  private nextAppend: Promise<void> | null = null
  private folderMade = false

  constructor(
    private readonly file: string,
    private readonly log: Logger,
  ) {}

  /**
   * Appends an entry; resolves once it is in the file. Entries recorded within GROUP_MS of each
   * other go together in one append (a bulk run writes one append per few keys, not one per key);
   * appends happen one at a time, so lines never interleave. The append is a short synchronous
   * write (no fsync, as before): the thread-pool round trips of an asynchronous append cost a bulk
   * run more than the write itself.
   */
  record(entry: LocalAuditEntry): Promise<void> {
    this.queued.push(`${JSON.stringify(entry)}\n`)
    if (!this.nextAppend) {
      this.nextAppend = new Promise<void>((resolve) =>
        setTimeout(() => {
          this.appendQueued()
          resolve()
        }, GROUP_MS),
      )
      this.writing = this.nextAppend
    }
    return this.nextAppend
  }

  /** Resolves once every entry recorded so far is in the file (closing down). */
  flush(): Promise<void> {
    return this.writing
  }

  private appendQueued(): void {
    this.nextAppend = null
    const lines = this.queued.splice(0).join('')
    try {
      if (!this.folderMade) mkdirSync(dirname(this.file), { recursive: true })
      this.folderMade = true
      appendFileSync(this.file, lines, { mode: 0o600 })
    } catch (error) {
      this.folderMade = false
      this.log.error(`audit log: could not write an entry: ${String(error)}`)
    }
  }

  /** Newest first. */
  async list(): Promise<LocalAuditEntry[]> {
    await this.writing
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch {
      return []
    }
    const entries = text.split('\n').flatMap((line) => {
      if (line.trim() === '') return []
      try {
        const parsed = entrySchema.safeParse(JSON.parse(line))
        return parsed.success ? [parsed.data] : []
      } catch {
        return []
      }
    })
    return entries.reverse()
  }
}
