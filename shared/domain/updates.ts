/** Update channels: "stable" follows releases, "beta" also takes pre-releases. */
export const updateChannels = ['stable', 'beta'] as const
export type UpdateChannel = (typeof updateChannels)[number]

/**
 * What the app tells the user about updates, shown in Settings.
 * - unsupported: a development run or the browser host; these never update.
 * - off: the user turned automatic updates off.
 * - idle: waiting for the next check (up to date, or not checked yet).
 * - checking / downloading: in the background.
 * - downloaded: verified and ready; installs after the user agrees to restart (or when they quit).
 * - error: the feed could not be reached or the update failed verification; retried at `nextCheckAt`.
 */
export type UpdateState = 'unsupported' | 'off' | 'idle' | 'checking' | 'downloading' | 'downloaded' | 'error'

export interface UpdateStatus {
  state: UpdateState
  /** One sentence for people. Never holds a URL with credentials or a token. */
  message: string
  /** The version being downloaded or ready to install. */
  version: string | null
  /** ISO time of the next automatic check, when one is scheduled. */
  nextCheckAt: string | null
}
