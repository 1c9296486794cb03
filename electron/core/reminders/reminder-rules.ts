import { reminderThresholdOptions, type ReminderOpened, type ReminderSettings } from '@shared/contracts/overview'
import type { ApiKey } from '@shared/domain/api-key'
import { DAY_MS, isRotationDue, type AttentionContext } from '@shared/domain/attention'
import type { PendingRevocation } from '@shared/domain/key-lifecycle'

/**
 * Which reminders are due now: pure, so the edges (thresholds, clock jumps) are unit-tested. Each
 * reminder has a marker; a marker once fired never fires again, so a clock that jumps back repeats
 * nothing. A clock that jumps forward past several thresholds fires the tightest one (the most urgent
 * news) and marks the wider ones fired with it, so none of them comes later out of order.
 */

export type ReminderKind = 'expiry' | 'rotation' | 'revocation'

export interface ProfileInput {
  profileId: string
  profileName: string
  keys: readonly ApiKey[]
  context: AttentionContext
}

/** The reminders of one kind for one profile that fire together as one notification. */
export interface ReminderGroup {
  kind: ReminderKind
  profileId: string
  profileName: string
  /** The expiry threshold in days, for expiry reminders. */
  threshold: number | null
  keyIds: string[]
  keyNames: string[]
  /** Every marker this notification stands for. */
  markers: string[]
}

function expiryMarker(profileId: string, key: ApiKey, threshold: number): string {
  return `expiry:${profileId}:${key.id}:${key.expiresAt}:${threshold}`
}

function addTo(groups: Map<string, ReminderGroup>, base: Omit<ReminderGroup, 'keyIds' | 'keyNames' | 'markers'>) {
  const id = `${base.kind}:${base.profileId}:${base.threshold}`
  const group = groups.get(id) ?? { ...base, keyIds: [], keyNames: [], markers: [] }
  groups.set(id, group)
  return group
}

function expiryReminders(
  input: ProfileInput,
  settings: ReminderSettings,
  fired: ReadonlySet<string>,
  groups: Map<string, ReminderGroup>,
) {
  const thresholds = [...reminderThresholdOptions]
    .filter((days) => settings.expiryThresholds[days])
    .sort((a, b) => a - b)
  for (const key of input.keys) {
    const expires = key.expiresAt === null ? NaN : Date.parse(key.expiresAt)
    if (Number.isNaN(expires) || key.status === 'expired' || expires <= input.context.now) continue
    const left = expires - input.context.now
    const tightest = thresholds.find((days) => left <= days * DAY_MS)
    if (tightest === undefined) continue
    const markers = thresholds
      .filter((days) => days >= tightest)
      .map((days) => expiryMarker(input.profileId, key, days))
    if (fired.has(markers[0]!)) continue
    const group = addTo(groups, {
      kind: 'expiry',
      profileId: input.profileId,
      profileName: input.profileName,
      threshold: tightest,
    })
    group.keyIds.push(key.id)
    group.keyNames.push(key.name)
    group.markers.push(...markers.filter((marker) => !fired.has(marker)))
  }
}

function rotationReminders(input: ProfileInput, fired: ReadonlySet<string>, groups: Map<string, ReminderGroup>) {
  const { now, rotationMaxAgeDays } = input.context
  for (const key of input.keys) {
    const expired = key.status === 'expired' || (key.expiresAt !== null && Date.parse(key.expiresAt) <= now)
    if (expired || !isRotationDue(key, now, rotationMaxAgeDays)) continue
    const marker = `rotation:${input.profileId}:${key.id}:${key.createdAt}:${rotationMaxAgeDays}`
    if (fired.has(marker)) continue
    const group = addTo(groups, {
      kind: 'rotation',
      profileId: input.profileId,
      profileName: input.profileName,
      threshold: null,
    })
    group.keyIds.push(key.id)
    group.keyNames.push(key.name)
    group.markers.push(marker)
  }
}

function revocationReminders(
  pending: readonly PendingRevocation[],
  fired: ReadonlySet<string>,
  groups: Map<string, ReminderGroup>,
) {
  for (const entry of pending) {
    const marker = `revocation:${entry.id}`
    if (entry.attempts === 0 || entry.lastError === null || fired.has(marker)) continue
    const group = addTo(groups, {
      kind: 'revocation',
      profileId: entry.profileId,
      profileName: entry.profileName,
      threshold: null,
    })
    group.keyIds.push(entry.keyId)
    group.keyNames.push(entry.keyName)
    group.markers.push(marker)
  }
}

/** The reminders due now, grouped per profile, kind and threshold. */
export function dueReminders(
  profiles: readonly ProfileInput[],
  pending: readonly PendingRevocation[],
  settings: ReminderSettings,
  fired: ReadonlySet<string>,
): ReminderGroup[] {
  const groups = new Map<string, ReminderGroup>()
  for (const input of profiles) {
    if (settings.expiry) expiryReminders(input, settings, fired, groups)
    if (settings.rotationDue) rotationReminders(input, fired, groups)
  }
  if (settings.revocationFailed) revocationReminders(pending, fired, groups)
  return [...groups.values()]
}

const quoted = (names: readonly string[]) => `“${names[0]}”`

/** The notification's words: "12 keys of Production gateway expire within 7 days". */
export function reminderText(group: ReminderGroup): { title: string; body: string } {
  const many = group.keyIds.length > 1
  const subject = many
    ? `${group.keyIds.length} keys of ${group.profileName}`
    : `${quoted(group.keyNames)} of ${group.profileName}`
  switch (group.kind) {
    case 'expiry': {
      const within = group.threshold === 1 ? 'within a day' : `within ${group.threshold} days`
      return { title: 'API keys expire soon', body: `${subject} ${many ? 'expire' : 'expires'} ${within}` }
    }
    case 'rotation':
      return { title: 'Rotation due', body: `${subject} ${many ? 'are' : 'is'} older than the rotation policy allows` }
    case 'revocation':
      return {
        title: 'Scheduled revocation failed',
        body: `Revoking ${subject} failed; Keywarden will try again`,
      }
  }
}

/** What clicking the notification opens: the table filtered to exactly its keys. */
export function reminderTarget(group: ReminderGroup): ReminderOpened {
  const bucket =
    group.kind === 'rotation'
      ? 'rotation-due'
      : group.kind === 'revocation'
        ? 'pending-revocation'
        : group.threshold !== null && group.threshold <= 7
          ? 'expiring-7'
          : 'expiring-30'
  return { profileId: group.profileId, keyIds: [...group.keyIds], filter: { kind: 'bucket', bucket } }
}
