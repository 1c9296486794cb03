import { z } from 'zod'
import { graceOptions, keyChangesSchema, keyDraftSchema } from '@shared/domain/key-lifecycle'

/**
 * One operation in the journal: what it is, where, on which key, the idempotency key the core chose,
 * and the step it reached. Never a secret, token or key value: a draft holds only the name,
 * permissions, expiry and notes the user typed, which the server needs again for a replay.
 */
export const journalSteps = [
  /** Written before the first request; the server may or may not have acted. */
  'sending',
  /** Create/rotate: the server created the key (its id is known); the answer is not yet delivered. */
  'created',
  /** Rotate: the old key's revocation is scheduled; only delivering the successor's secret is left. */
  'scheduled',
] as const
export type JournalStep = (typeof journalSteps)[number]

const isoTime = z.iso.datetime({ offset: true })

export const journalEntrySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['create', 'rotate', 'revoke', 'update']),
    profileId: z.string().min(1),
    accountId: z.string().min(1).nullable(),
    /** create: the created key once known; rotate/revoke/update: the key acted on. */
    keyId: z.string().min(1).nullable(),
    /** The key's name (a create's draft name), to tell the user. */
    keyName: z.string(),
    /** create and rotate only: sent as `Idempotency-Key`, so a replay returns the same key. */
    idempotencyKey: z.uuid().nullable(),
    /** create: the draft; rotate: the successor's draft once computed (the replay must send the same body). */
    draft: keyDraftSchema.nullable(),
    /** update: the changes asked for. */
    changes: keyChangesSchema.nullable(),
    /** rotate: when the old key goes. */
    grace: z.enum(graceOptions).nullable(),
    /** rotate: the successor's id once created. */
    successorId: z.string().min(1).nullable(),
    step: z.enum(journalSteps),
    startedAt: isoTime,
    updatedAt: isoTime,
  })
  .strict()

export type JournalEntry = z.infer<typeof journalEntrySchema>

/** What a caller gives to start an entry; the journal adds id, step and times. */
export type NewJournalEntry = Omit<JournalEntry, 'id' | 'step' | 'startedAt' | 'updatedAt' | 'successorId'> & {
  successorId?: string | null
}

export const journalFileSchema = z.object({ entries: z.array(journalEntrySchema) }).strict()
export const JOURNAL_FORMAT = 1
