import { z } from 'zod'
import type { ApiKey } from './api-key'
import type { GrantLimits, GridResource } from './permissions/grid'
import { updateChannels, type UpdateChannel } from './updates'

/** What the signed-in user may do with keys in the active profile and account. */
export interface KeyAccess {
  resources: GridResource[]
  grantLimits: GrantLimits
  canCreate: boolean
  canEdit: boolean
  canDelete: boolean
  /** From the server (gateway decrypt); a keychain copy can be revealed regardless. */
  canRevealFromServer: boolean
  /** Why create/edit/delete are missing, for a tooltip. */
  reason?: string
}

const access = z.enum(['view', 'change'])
const isoDate = z.iso.datetime({ offset: true })

export const keyDraftSchema = z.object({
  name: z.string().trim().min(1, 'Give the key a name.').max(100, 'Keep the name under 100 characters.'),
  permissions: z.record(z.string().min(1), access),
  expiresAt: isoDate.nullable(),
  notes: z.string().max(1000, 'Keep the notes under 1000 characters.').nullable(),
})

export const keyChangesSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the key a name.').max(100).optional(),
    permissions: z.record(z.string().min(1), access).optional(),
    expiresAt: isoDate.nullable().optional(),
    notes: z.string().max(1000).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()

export type KeyDraftInput = z.input<typeof keyDraftSchema>
export type KeyChangesInput = z.input<typeof keyChangesSchema>
/** A draft as the schema leaves it (trimmed, checked): what the core and the dialect adapters work with. */
export type KeyDraftData = z.output<typeof keyDraftSchema>
/** Changes as the schema leaves them: what the core and the dialect adapters work with. */
export type KeyChangesData = z.output<typeof keyChangesSchema>

/** The one moment a secret crosses to the renderer: the dialog that shows it once. */
export interface CreatedKeyView {
  key: ApiKey
  value: string
  /** Pulse's separate secret; null elsewhere. */
  secret: string | null
}

export const graceOptions = ['now', '15m', '1h', '24h'] as const
export type GraceOption = (typeof graceOptions)[number]
export const graceMs: Record<GraceOption, number> = {
  now: 0,
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
}

/** A revocation that waits for its grace period; persisted, carried out when due, also after a restart. */
export interface PendingRevocation {
  id: string
  profileId: string
  profileName: string
  accountId: string | null
  keyId: string
  keyName: string
  /** ISO 8601. */
  dueAt: string
  attempts: number
  lastError: string | null
}

export interface RotationResult {
  successor: CreatedKeyView
  /** Null when the old key was revoked at once. */
  pending: PendingRevocation | null
}

export interface RevealedKey {
  keyId: string
  value: string
  secret: string | null
  source: 'server' | 'keychain'
  /** The UI hides the value again after this many seconds. */
  hideAfterSeconds: number
}

export interface TryKeyResult {
  request: string
  status: number
  /** The answer, shortened; never echoes the key. */
  body: string
}

export interface LocalAuditEntry {
  at: string
  actor: string
  profileName: string
  action:
    | 'created'
    | 'revealed'
    | 'updated'
    | 'disabled'
    | 'enabled'
    | 'revoked'
    | 'rotated'
    | 'kept-in-keychain'
    | 'revocation-failed'
    | 'sudo-granted'
    | 'sudo-refused'
    | 'locked'
    | 'unlocked'
  /** Empty for entries about the session rather than a key (sudo mode, lock). */
  keyId: string
  keyName: string
  detail: string | null
}

export interface AppSettings {
  /** Seconds after a copy when the clipboard is cleared (if it still holds the copied value). */
  clipboardClearSeconds: number
  /** Installed builds check for updates at start and every 6 hours, and download them in the background. */
  autoUpdate: boolean
  updateChannel: UpdateChannel
  /** Sudo mode: revealing, keeping, revoking, rotating need a sign-in this recent. 0 = off (being signed in is enough). */
  sudoWindowMinutes: number
  /** Keywarden locks after this much idle time. 0 = never by idle time (sleep and screen lock still lock it). */
  lockIdleMinutes: number
}

/** Input of updateSettings: the update fields may be left out (they keep their current value). */
export const appSettingsSchema = z
  .object({
    clipboardClearSeconds: z.number().int().min(5).max(600),
    autoUpdate: z.boolean().optional(),
    updateChannel: z.enum(updateChannels, { error: 'The update channel is "stable" or "beta".' }).optional(),
    sudoWindowMinutes: z
      .number()
      .int()
      .min(0, { error: 'The re-authentication window is 0 (off) to 240 minutes.' })
      .max(240, { error: 'The re-authentication window is 0 (off) to 240 minutes.' })
      .optional(),
    lockIdleMinutes: z
      .number()
      .int()
      .min(0, { error: 'The idle time before locking is 0 (never) to 240 minutes.' })
      .max(240, { error: 'The idle time before locking is 0 (never) to 240 minutes.' })
      .optional(),
  })
  .strict()
