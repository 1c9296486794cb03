import type { DialectCapabilities } from './capabilities'
import type { ErrorCode } from './errors'
import type { ProfileSummary } from './profile'

export type { Dialect, ProfileSummary } from './profile'

export interface SignedInUser {
  subject: string
  name: string
}

/**
 * The session of one profile. `confirm-subject`: the sign-in succeeded as `user`, but the profile was
 * last signed in as `previousUser`; no key call is answered until the user confirms (confirmSubject)
 * or signs out.
 */
export type SessionState =
  | { status: 'signed-out'; profile: ProfileSummary; lastError?: string; lastErrorCode?: ErrorCode }
  | { status: 'signing-in'; profile: ProfileSummary }
  | { status: 'confirm-subject'; profile: ProfileSummary; user: SignedInUser; previousUser: SignedInUser }
  | { status: 'signed-in'; profile: ProfileSummary; user: SignedInUser }

/** Every profile with its status, for the profile switcher. */
export interface ProfilesOverview {
  activeProfileId: string | null
  profiles: Array<{
    profile: ProfileSummary
    capabilities: DialectCapabilities
    /** `offline`: its server could not be reached the last time it was tried. */
    status: SessionState['status'] | 'offline'
    error?: string
  }>
}
