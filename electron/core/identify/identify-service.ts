import type { IdentifyResult } from '@shared/contracts/identify'
import { AppError } from '../errors'
import type { SecretCopies } from '../keys/secret-copies'
import type { EventSink } from '../platform'
import type { ProfileRepository } from '../settings/profiles'
import { runWorker, type WorkerRun } from '../scan/worker-launcher'
import { readCopyHashes } from './copy-hashes'
import type { RawFind } from './find-candidates'
import type { KeyListSource } from './key-lists'
import { KeyMatcher } from './match-finds'
import { allRecognizers } from './recognizers'

export interface IdentifyDeps {
  profiles: ProfileRepository
  copies: SecretCopies
  /** The key lists to match against; the offline cache joins here as one more source. */
  lists: KeyListSource
  emit: EventSink
}

/** Builds the matcher of this moment: every signed-in profile's lists and the keychain copies' hashes. */
export async function buildMatcher(deps: Omit<IdentifyDeps, 'emit'>) {
  const [read, copies] = await Promise.all([deps.lists.read(), readCopyHashes(deps.profiles, deps.copies)])
  const names = new Map(deps.profiles.list().map((p) => [p.id, { name: p.name, dialect: p.dialect }]))
  return { matcher: new KeyMatcher(read.lists, copies, names), read }
}

/** Identify: parses pasted text in a worker thread, then names each candidate. The text is not kept. */
export class IdentifyService {
  private running: WorkerRun | undefined

  constructor(private readonly deps: IdentifyDeps) {}

  async identifyText(text: string): Promise<IdentifyResult> {
    if (this.running) throw new AppError('CONFLICT', 'Keywarden is still reading the previous text. Cancel it first.')
    let finds: RawFind[] = []
    const run = runWorker({ type: 'text', text, recognizers: allRecognizers() }, (message) => {
      if (message.type === 'progress') this.deps.emit('identifyProgress', { done: message.done, total: message.total })
      if (message.type === 'finds') finds = message.finds
    })
    this.running = run
    const matching = buildMatcher(this.deps)
    try {
      const outcome = await run.finished
      const { matcher, read } = await matching
      if (outcome === 'cancelled')
        return { candidates: [], signedInProfiles: read.profiles, unreadable: read.unreadable, cancelled: true }
      return {
        candidates: finds.map((find, i) => matcher.identify(find, `c${i}`)),
        signedInProfiles: read.profiles,
        unreadable: read.unreadable,
        cancelled: false,
      }
    } finally {
      this.running = undefined
      void matching.catch(() => undefined)
    }
  }

  cancel(): void {
    this.running?.cancel()
  }
}
