import { z } from 'zod'
import { call, event, noInput, profileRef } from '../contract-kit'
import type { CreatedKeyView } from '../domain/key-lifecycle'

/**
 * The journal part of the IPC contract. The core journals every create, rotate, revoke and
 * enable/disable before its first request and chooses the idempotency keys itself; after a crash (or
 * when a profile signs in again) it carries unfinished operations on and reports here what it found.
 */

/** What recovery found, for the user. Secrets are never in this list: `recoveredSecret` gives one, once. */
export type Recovery =
  | {
      id: string
      /** A create or rotation whose answer never reached the user: its key, shown once in the secret dialog. */
      kind: 'secret'
      operation: 'create' | 'rotate'
      profileId: string
      profileName: string
      keyId: string
      keyName: string
      /** Rotate: the old key's name, and when it goes (ISO 8601; null when already revoked). */
      replaced: { name: string; dueAt: string | null } | null
      /** Whether this key's dialect can show it again later (for the warning on closing). */
      canReveal: boolean
    }
  | {
      id: string
      /** The server created this key, but its secret can no longer be shown: offer to revoke it. */
      kind: 'unseen'
      profileId: string
      profileName: string
      keyId: string
      keyName: string
      /** Why the secret cannot be shown. */
      reason: string
    }
  | {
      id: string
      /** Something recovery did or found that the user should know (a rotation finished, a journal moved aside). */
      kind: 'notice'
      profileId: string | null
      message: string
    }

/** An operation not finished yet, which signing out or removing its profile would lose. */
export interface UnfinishedOperation {
  kind: 'create' | 'rotate' | 'revoke' | 'update'
  keyName: string
  /** For people: what will be lost. */
  loss: string
}

const recoveryRef = z.object({ recoveryId: z.string().min(1).max(100) }).strict()

export const journalCalls = {
  /** What recovery found and the user has not dealt with yet. */
  listRecoveries: call<Recovery[]>()(noInput),
  /** A recovered key's value (and secret), for the one-time secret dialog. */
  recoveredSecret: call<CreatedKeyView>()(recoveryRef),
  /** The user saw it (the secret dialog showed it, or the notice was read): its journal entry goes. */
  acknowledgeRecovery: call<Recovery[]>()(recoveryRef),
  /** Revokes a key created without its secret ever being seen. Needs sudo mode, as any revoke. */
  revokeUnseenKey: call<Recovery[]>()(recoveryRef),
  /** The one-time secret dialog showed a key's value: the create or rotation that made it is finished. */
  secretShown: call<void>()(z.object({ keyId: z.string().min(1).max(200) }).strict()),
  /** What signing out of (or removing) a profile would lose now. */
  listUnfinished: call<UnfinishedOperation[]>()(profileRef),
  /**
   * The user accepted losing a profile's unfinished operations (after `listUnfinished`): they are
   * dropped, and signing out or removing the profile is no longer refused.
   */
  discardUnfinished: call<void>()(profileRef),
} as const

export const journalEvents = {
  /** Recovery found something, or an item was dealt with. */
  recoveriesChanged: event<Recovery[]>(),
} as const
