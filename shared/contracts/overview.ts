import { z } from 'zod'
import { call, event, noInput, profileRef } from '../contract-kit'
import type { AttentionBucket, AttentionFilter } from '../domain/attention'

/**
 * The overview part of the IPC contract: rotation policy per profile, the "All profiles" figures
 * and the reminders. Spread into `calls` and `events` in `shared/contract.ts`.
 */

export const rotationMaxAgeOptions = [30, 90, 180, 365] as const
export type RotationMaxAgeDays = (typeof rotationMaxAgeOptions)[number]
const maxAgeDays = z
  .union([z.literal(30), z.literal(90), z.literal(180), z.literal(365)], {
    error: 'The rotation policy is off, 30, 90, 180 or 365 days.',
  })
  .nullable()

export interface RotationPolicy {
  profileId: string
  /** Maximum key age in days; null when the policy is off. */
  maxAgeDays: RotationMaxAgeDays | null
}

/** One profile's tiles in "All profiles". */
export interface ProfileAttention {
  profileId: string
  profileName: string
  /**
   * `live`: read from the server just now. `cached`: the profile's offline cache (its server could not be
   * reached), as of `computedAt`. `not-loaded`: no figures (signed out, or offline without a cache); `reason` says why.
   */
  state: 'live' | 'cached' | 'not-loaded'
  reason: string | null
  total: number | null
  counts: Record<AttentionBucket, number> | null
  /** When the list the figures come from was read, ISO 8601. */
  computedAt: string | null
}

export const reminderThresholdOptions = [30, 7, 1] as const
export type ReminderThreshold = (typeof reminderThresholdOptions)[number]

export const reminderSettingsSchema = z
  .object({
    expiry: z.boolean(),
    /** Which of 30, 7 and 1 days before expiry remind. */
    expiryThresholds: z.object({ 30: z.boolean(), 7: z.boolean(), 1: z.boolean() }).strict(),
    revocationFailed: z.boolean(),
    rotationDue: z.boolean(),
    /** No notifications while Keywarden's window is in the background (they are kept for later). */
    quietInBackground: z.boolean(),
  })
  .strict()
export type ReminderSettings = z.output<typeof reminderSettingsSchema>

/** Whether the system shows Keywarden's notifications, and if not, why. */
export interface NotificationAvailability {
  state: 'unknown' | 'shown' | 'denied' | 'unsupported'
  reason: string | null
}

export interface ReminderStatus {
  settings: ReminderSettings
  notifications: NotificationAvailability
}

/** A reminder the user clicked: the table opens filtered to its keys. */
export interface ReminderOpened {
  profileId: string
  keyIds: string[]
  filter: AttentionFilter
}

export const overviewCalls = {
  /** The rotation policy of a profile. */
  getRotationPolicy: call<RotationPolicy>()(profileRef),
  /** Sets a profile's rotation policy (off, 30, 90, 180, 365 days). */
  setRotationPolicy: call<RotationPolicy>()(z.object({ profileId: z.string().min(1), maxAgeDays }).strict()),
  /** Attention counts of every profile, computed in the core from each profile's key list or offline cache. */
  attentionOfProfiles: call<ProfileAttention[]>()(noInput),
  /** Reminder settings and whether notifications can be shown. */
  getReminders: call<ReminderStatus>()(noInput),
  setReminderSettings: call<ReminderStatus>()(reminderSettingsSchema),
} as const

export const overviewEvents = {
  /** A reminder notification was clicked. */
  reminderOpened: event<ReminderOpened>(),
  /** Notification availability changed (e.g. the OS or the browser denied them). */
  remindersChanged: event<ReminderStatus>(),
} as const
