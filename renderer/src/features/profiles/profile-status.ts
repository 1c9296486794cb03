import type { ProfilesOverview, SessionState } from '@shared/domain/session'
import type { BadgeTone } from '../../ui/Badge'

export type ProfileStatus = ProfilesOverview['profiles'][number]['status']

export const profileStatusLabel: Record<ProfileStatus, string> = {
  'signed-in': 'Signed in',
  'signing-in': 'Signing in',
  'confirm-subject': 'Confirm account',
  'signed-out': 'Signed out',
  offline: 'Offline',
}

export const profileStatusTone: Record<ProfileStatus, BadgeTone> = {
  'signed-in': 'positive',
  'signing-in': 'neutral',
  'confirm-subject': 'warning',
  'signed-out': 'neutral',
  offline: 'warning',
}

/** The order of the switcher's groups. */
export const profileStatusOrder: readonly ProfileStatus[] = [
  'signed-in',
  'signing-in',
  'confirm-subject',
  'signed-out',
  'offline',
]

/**
 * The status to show for a profile. For the one on screen the live session is fresher than the
 * overview, except that "offline" (its server failed) is only known from the overview.
 */
export function shownStatus(
  listed: ProfileStatus | undefined,
  session: SessionState | null,
  profileId: string,
): ProfileStatus {
  if (listed === 'offline') return 'offline'
  if (session && session.profile.id === profileId) return session.status
  return listed ?? 'signed-out'
}
