import type { UpdateState, UpdateStatus } from '@shared/domain/updates'

export type UpdateFailure = 'unreachable' | 'verification' | 'other'

const unreachablePatterns = [
  /net::ERR_/i,
  /ENOTFOUND/,
  /ECONNREFUSED/,
  /ECONNRESET/,
  /ETIMEDOUT/,
  /EAI_AGAIN/,
  /socket hang up/i,
  /HttpError: (4|5)\d\d/,
  /status(?: code)? (4|5)\d\d/i,
  /Cannot find latest.*\.yml/i,
  /Unable to find latest version/i,
]
const verificationPatterns = [
  /sha512 checksum mismatch/i,
  /sha2 mismatch/i,
  /not signed by the application owner/i,
  /Could not get code signature/i,
  /code signature/i,
  /signature verification/i,
  /publisherName/i,
]

const verificationCodes = new Set(['ERR_CHECKSUM_MISMATCH', 'ERR_UPDATER_INVALID_SIGNATURE', 'ERR_UPDATER_NO_CHECKSUM'])
const unreachableCodes = new Set([
  'ERR_UPDATER_LATEST_VERSION_NOT_FOUND',
  'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
  'ENOTFOUND',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
])

/** Sorts an updater error into what the user needs to know; the raw text stays in the log. */
export function classifyUpdateError(message: string, code?: string): UpdateFailure {
  if (code && verificationCodes.has(code)) return 'verification'
  if (code && (unreachableCodes.has(code) || code.startsWith('HTTP_ERROR_'))) return 'unreachable'
  if (verificationPatterns.some((p) => p.test(message))) return 'verification'
  if (unreachablePatterns.some((p) => p.test(message))) return 'unreachable'
  return 'other'
}

const failureText: Record<UpdateFailure, string> = {
  unreachable: 'The update server could not be reached.',
  verification: 'A downloaded update failed its signature or checksum check and was discarded; nothing was installed.',
  other: 'Checking for updates failed.',
}

export interface StatusFacts {
  state: UpdateState
  version?: string | null
  failure?: UpdateFailure
  nextCheckAt?: number | null
}

/** What Settings says, for each state. */
export function describeUpdateStatus(facts: StatusFacts): UpdateStatus {
  const version = facts.version ?? null
  const nextCheckAt = facts.nextCheckAt == null ? null : new Date(facts.nextCheckAt).toISOString()
  const message = messageOf(facts, version)
  return { state: facts.state, message, version, nextCheckAt }
}

function messageOf(facts: StatusFacts, version: string | null): string {
  switch (facts.state) {
    case 'unsupported':
      return 'This copy of Keywarden does not update itself (development run or browser host). Installed builds do.'
    case 'off':
      return 'Automatic updates are off.'
    case 'idle':
      return 'Keywarden checks for updates at start and every 6 hours.'
    case 'checking':
      return 'Checking for updates…'
    case 'downloading':
      return `Downloading Keywarden ${version ?? ''} in the background…`.replace('  ', ' ')
    case 'downloaded':
      return `Keywarden ${version ?? ''} is ready. Restart Keywarden to install it, or it installs when you quit.`.replace(
        '  ',
        ' ',
      )
    case 'error':
      return `${failureText[facts.failure ?? 'other']} Keywarden keeps running and tries again later.`
  }
}
