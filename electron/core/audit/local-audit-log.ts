import { appendFile, mkdir, readFile } from 'node:fs/promises'
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

/**
 * Who did what to which key, and when, on this computer: one JSON line per event, appended.
 * It never holds a key value or secret — callers pass names and ids only.
 */
export class LocalAuditLog {
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly file: string,
    private readonly log: Logger,
  ) {}

  record(entry: LocalAuditEntry): Promise<void> {
    // Appends are chained so concurrent events never interleave within a line.
    this.writing = this.writing
      .then(async () => {
        await mkdir(dirname(this.file), { recursive: true })
        await appendFile(this.file, `${JSON.stringify(entry)}\n`, { mode: 0o600 })
      })
      .catch((error: unknown) => this.log.error(`audit log: could not write an entry: ${String(error)}`))
    return this.writing
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
