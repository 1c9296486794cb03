import { z } from 'zod'
import { call, event, noInput } from '../contract-kit'
import type { ApiKey } from '../domain/api-key'
import type { DialectCapabilities } from '../domain/capabilities'
import { graceOptions, type GraceOption, type KeyAccess } from '../domain/key-lifecycle'

/**
 * The bulk part of the IPC contract: one action on many keys of the active profile and account,
 * written to disk before its first request, resumed after a crash, never acting twice on a key.
 */

export const bulkActions = ['revoke', 'disable', 'enable', 'rotate'] as const
export type BulkAction = (typeof bulkActions)[number]

/** Most keys one run takes (the table shows at most this many at once). */
export const MAX_BULK_KEYS = 5000

export type BulkKeyState = 'pending' | 'sending' | 'done' | 'failed' | 'skipped'

/** One key of a run as the renderer sees it: never a value or secret. */
export interface BulkKeyView {
  keyId: string
  keyName: string
  state: BulkKeyState
  /** Why it failed (the server's words) or was skipped; null otherwise. */
  reason: string | null
  /** Rotate: the successor's id once it exists. */
  successorId: string | null
}

export type BulkRunStatus = 'running' | 'cancelling' | 'cancelled' | 'finished' | 'waiting'

export interface BulkCounts {
  done: number
  failed: number
  skipped: number
  remaining: number
}

export interface BulkRunView {
  id: string
  profileId: string
  profileName: string
  accountId: string | null
  action: BulkAction
  grace: GraceOption | null
  createdAt: string
  /** `waiting`: it stopped (restart, profile switched away, signed out) and goes on once its profile is signed in and active. */
  status: BulkRunStatus
  counts: BulkCounts
  keys: BulkKeyView[]
  /** Rotate: how many new secrets wait to be shown or kept. */
  heldSecrets: number
}

/** The `bulkProgress` event: counts only, so a locked window learns nothing about keys. */
export interface BulkProgress extends BulkCounts {
  runId: string
  action: BulkAction
  status: BulkRunStatus
}

/** A rotated key's new value, handed over once for the one-time secret flow. */
export interface BulkSecret {
  /** The new key. */
  key: ApiKey
  /** The key it replaced. */
  replacedName: string
  value: string
  secret: string | null
  /** How many more wait after this one. */
  remaining: number
}

export interface BulkKeepResult {
  kept: number
  failed: Array<{ keyName: string; reason: string }>
}

/**
 * Why `action` cannot be done on `key` here, or null when it can. The selection bar and the core
 * both ask this, so the bar's counts and the run's refusals agree.
 */
export function bulkRefusal(
  action: BulkAction,
  key: Pick<ApiKey, 'status'>,
  capabilities: Pick<DialectCapabilities, 'canDisable'>,
  access: Pick<KeyAccess, 'canCreate' | 'canEdit' | 'canDelete'>,
): string | null {
  switch (action) {
    case 'revoke':
      return access.canDelete ? null : 'you may not revoke keys here'
    case 'disable':
    case 'enable':
      if (!capabilities.canDisable) return 'this API cannot disable and enable keys'
      if (!access.canEdit) return 'you may not change keys here'
      if (action === 'disable') return key.status === 'disabled' ? 'it is already disabled' : null
      return key.status === 'disabled' ? null : 'it is not disabled'
    case 'rotate':
      if (!access.canCreate || !access.canDelete) return 'rotating needs the right to create and revoke keys here'
      return null
  }
}

const runRef = z.object({ runId: z.uuid() }).strict()

export const bulkStartSchema = z
  .object({
    action: z.enum(bulkActions),
    keyIds: z
      .array(z.string().min(1).max(200))
      .min(1, 'Select at least one key.')
      .max(MAX_BULK_KEYS, `A bulk action takes at most ${MAX_BULK_KEYS} keys at once.`)
      .refine((ids) => new Set(ids).size === ids.length, 'A key is listed twice.'),
    /** Rotate only: when the old keys are revoked. */
    grace: z.enum(graceOptions).optional(),
  })
  .strict()
  .refine((input) => (input.action === 'rotate') === (input.grace !== undefined), {
    message: 'A grace period is given for a rotation, and only for one.',
    path: ['grace'],
  })

export const bulkCalls = {
  /** Writes the run to disk, then starts it; keys it cannot act on are listed as skipped with why. Needs sudo mode. */
  startBulkRun: call<BulkRunView>()(bulkStartSchema),
  /** What was sent finishes; nothing new starts. */
  cancelBulkRun: call<BulkRunView>()(runRef),
  /** Every run kept on this computer (the newest first), with its per-key results. */
  listBulkRuns: call<BulkRunView[]>()(noInput),
  /** Sends the run's failed keys again (a rotation with the same idempotency keys). Needs sudo mode. */
  retryBulkRun: call<BulkRunView>()(runRef),
  /** The next new secret of a bulk rotation, for the one-time secret dialog; null when none is left. */
  takeBulkSecret: call<BulkSecret | null>()(runRef),
  /** Keeps every new secret of a bulk rotation still held as a keychain copy. Needs sudo mode. */
  keepBulkSecrets: call<BulkKeepResult>()(runRef),
} as const

export const bulkEvents = {
  /** A bulk run moved on: counts per run. */
  bulkProgress: event<BulkProgress>(),
} as const
