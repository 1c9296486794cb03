import { randomUUID } from 'node:crypto'
import type { Recovery } from '@shared/contracts/journal'
import type { CreatedKeyView } from '@shared/domain/key-lifecycle'
import { AppError } from '../errors'

/** Recovery items spelled without their id: the store gives each one. */
type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never
export type NewRecovery = Distribute<Recovery>

interface Held {
  recovery: Recovery
  /** The journal entry this item settles when acknowledged (none for a plain notice). */
  entryId: string | null
  /** A recovered key's value and secret: in memory only, never on disk, never in the list. */
  created?: CreatedKeyView
}

/**
 * What crash recovery found, until the user dealt with it: recovered secrets waiting to be shown
 * once, keys created without their secret seen, and notices. Every change is announced.
 */
export class Recoveries {
  private readonly items = new Map<string, Held>()

  constructor(private readonly announce: (recoveries: Recovery[]) => void) {}

  list(): Recovery[] {
    return [...this.items.values()].map((held) => held.recovery)
  }

  add(recovery: NewRecovery, entryId: string | null, created?: CreatedKeyView): Recovery {
    const item = { ...recovery, id: randomUUID() } as Recovery
    this.items.set(item.id, created ? { recovery: item, entryId, created } : { recovery: item, entryId })
    this.announce(this.list())
    return item
  }

  /** Whether some item already stands for this journal entry (recovery ran for it). */
  covers(entryId: string): boolean {
    return [...this.items.values()].some((held) => held.entryId === entryId)
  }

  get(recoveryId: string): Held {
    const held = this.items.get(recoveryId)
    if (!held) throw new AppError('NOT_FOUND', 'That recovered operation was already dealt with.')
    return held
  }

  /** The recovered value and secret, for the one-time secret dialog. */
  secret(recoveryId: string): CreatedKeyView {
    const { created } = this.get(recoveryId)
    if (!created) throw new AppError('NOT_FOUND', 'Keywarden holds no recovered secret under that name.')
    return created
  }

  remove(recoveryId: string): Held {
    const held = this.get(recoveryId)
    this.items.delete(recoveryId)
    this.announce(this.list())
    return held
  }

  /** Drops every item of a profile (its unfinished operations were given up). */
  dropProfile(profileId: string): void {
    for (const [id, held] of this.items) if (held.recovery.profileId === profileId) this.items.delete(id)
    this.announce(this.list())
  }
}
