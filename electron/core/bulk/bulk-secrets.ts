import type { BulkSecret } from '@shared/contracts/bulk'
import type { ApiKey } from '@shared/domain/api-key'

interface Held {
  key: ApiKey
  replacedName: string
  value: string
  secret: string | null
}

/**
 * The new values of a bulk rotation, in the main process only (never on disk), until each is
 * shown once or kept in the keychain. A restart forgets them; the operation journal keeps each
 * rotation until its secret was shown or kept, so recovery replays it (or reports it) instead.
 */
export class BulkSecrets {
  private readonly held = new Map<string, Held[]>()

  hold(runId: string, secret: Held): void {
    const queue = this.held.get(runId) ?? []
    queue.push(secret)
    this.held.set(runId, queue)
  }

  count(runId: string): number {
    return this.held.get(runId)?.length ?? 0
  }

  /** The next one, handed over once: it is forgotten here as it leaves. */
  take(runId: string): BulkSecret | null {
    const queue = this.held.get(runId)
    const next = queue?.shift()
    if (!queue || !next) return null
    if (queue.length === 0) this.held.delete(runId)
    return { ...next, remaining: queue.length }
  }

  /** Every one still held, for "keep all as keychain copies"; the caller gives back those it could not keep. */
  takeAll(runId: string): Held[] {
    const all = this.held.get(runId) ?? []
    this.held.delete(runId)
    return all
  }

  giveBack(runId: string, secrets: Held[]): void {
    for (const secret of secrets) this.hold(runId, secret)
  }
}
