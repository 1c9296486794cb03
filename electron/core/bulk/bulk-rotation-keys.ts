import type { JournalEntry } from '../journal/journal-entry'
import type { StoredBulkKey, StoredBulkRun } from './bulk-run-store'

/**
 * Each key of a bulk rotation is one journaled rotation (the operation journal holds its idempotency
 * key, successor draft and step, and keeps it until the new secret was shown). What a crash left
 * uncertain is the journal's to carry on, once: crash recovery replays the create with the same
 * idempotency key and draft and shows the secret, or reports the key as created without its secret
 * seen. These rules keep the run's own record of each key in step with that, so no key is ever
 * rotated twice.
 */

/** The run's word for a key whose rotation recovery carries on. */
const CARRIED_ON_BY_RECOVERY =
  'Keywarden closed while rotating it: if the server made its new key, Keywarden shows it once (or reports it) with what it recovered. Retry finishes the rotation without making a second key.'
const RECOVERED =
  'Keywarden closed before the new key was shown here: it is shown once (or reported) with what Keywarden recovered.'
const NOTHING_CHANGED = 'The server never made its new key; nothing was changed. Retry rotates it.'
/** Added to a failure that may have reached the server. */
export const MAY_HAVE_LANDED =
  ' The server may have made the new key: Retry finishes the rotation without making a second one, and Keywarden carries it on at its next start otherwise.'

/**
 * After a restart, a key the run had sent ("sending" on disk): its successor is known (done), or the
 * journal still holds its rotation (recovery carries it on), or no rotation of it was ever journaled
 * (nothing was sent: it goes again).
 */
export function resumeRotationKey(key: StoredBulkKey, entry: JournalEntry | undefined): void {
  const successorId = key.successorId ?? entry?.successorId ?? null
  if (successorId) Object.assign(key, { state: 'done', successorId, reason: RECOVERED })
  else if (entry) Object.assign(key, { state: 'failed', reason: CARRIED_ON_BY_RECOVERY })
  else Object.assign(key, { state: 'pending', reason: null })
}

/**
 * Crash recovery settled the journal entry of a rotation: the bulk key it belongs to (same key, same
 * idempotency key) learns it. Returns the run whose key changed.
 */
export function settleRotationKey(
  runs: readonly StoredBulkRun[],
  entry: JournalEntry,
  successorId: string | null,
): StoredBulkRun | undefined {
  for (const run of runs) {
    if (run.action !== 'rotate') continue
    const key = run.keys.find((k) => k.keyId === entry.keyId && k.idempotencyKey === entry.idempotencyKey)
    // A pending key too: a retry that would send it again must find its successor (it is not sent twice).
    if (!key || key.state === 'done') continue
    if (successorId) Object.assign(key, { state: 'done', successorId, reason: RECOVERED })
    else if (key.state === 'sending' || key.state === 'failed')
      Object.assign(key, { state: 'failed', reason: NOTHING_CHANGED })
    else continue
    return run
  }
  return undefined
}
