import type { UpdateChannel } from '@shared/domain/updates'

/** What the updater library reports; the Electron shell translates electron-updater's events into these. */
export type UpdaterEvent =
  | { kind: 'checking' }
  | { kind: 'available'; version: string }
  | { kind: 'not-available' }
  /** Emitted only after the download's sha512 (and, where signed, its code signature) was verified. */
  | { kind: 'downloaded'; version: string }
  /** `code` is electron-updater's, e.g. ERR_CHECKSUM_MISMATCH or ERR_UPDATER_INVALID_SIGNATURE. */
  | { kind: 'error'; message: string; code?: string }

/** The desktop's updater as the core needs it. Only the packaged Electron shell has one. */
export interface UpdaterPort {
  setChannel(channel: UpdateChannel): void
  /** Starts a check; an available update downloads in the background. Progress comes as events. */
  check(): Promise<void>
  onEvent(listener: (event: UpdaterEvent) => void): void
  /** Asks the user whether to restart now to install `version`; true means yes. */
  askToRestart(version: string): Promise<boolean>
  /** Quits and installs the downloaded update. Call only after a `downloaded` event. */
  quitAndInstall(): void
}
