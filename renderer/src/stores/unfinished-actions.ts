import type { UnfinishedOperation } from '@shared/contracts/journal'
import type { Result } from '@shared/domain/errors'
import { invoke } from '../ipc/bridge'

// Signing out of or removing a profile with unfinished operations: main refuses until the user
// saw what would be lost and agreed (discardUnfinished).

export function listUnfinished(profileId: string): Promise<Result<UnfinishedOperation[]>> {
  return invoke('listUnfinished', { profileId })
}

export function discardUnfinished(profileId: string): Promise<Result<void>> {
  return invoke('discardUnfinished', { profileId })
}
