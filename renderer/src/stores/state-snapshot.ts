import { useAccountsStore, type AccountsStoreState } from './accounts-store'
import { useBulkStore, type BulkState } from './bulk-store'
import { useKeyDialogs, type KeyDialog } from './key-dialog-store'
import { useLockStore, type HeldSecretDialog } from './lock-store'
import { useKeyAccessStore, type KeyAccessStoreState } from './key-access-store'
import { useKeysStore, type KeysStoreState } from './keys-store'
import { useProfilesStore, type ProfilesStoreState } from './profiles-store'
import { useRevocationsStore, type RevocationsStoreState } from './revocations-store'
import { useSessionStore, type SessionStoreState } from './session-store'

export interface StateSnapshot {
  session: SessionStoreState
  keys: KeysStoreState
  profiles: ProfilesStoreState
  accounts: AccountsStoreState
  /** What the user may do with keys; no key value or secret is ever in it. */
  keyAccess: KeyAccessStoreState
  /** Pending revocations: key ids, names and due times only. */
  revocations: RevocationsStoreState
  /** The open key dialog: a one-time secret lives here while its dialog is open, and nowhere else. */
  keyDialogs: { dialog: KeyDialog | null }
  /** The bulk run on screen: counts and per-key results, never a secret (those stay in main until shown). */
  bulk: Pick<BulkState, 'run' | 'progress' | 'error'>
  /** The lock, and the one-time dialog it closed (without its value, which main keeps). */
  lock: { locked: boolean; held: HeldSecretDialog | null }
}

/** Plain JSON of the stores, without their actions; a deep copy, so tests cannot change state. */
export function stateSnapshot(): StateSnapshot {
  const { session, pending, error } = useSessionStore.getState()
  const {
    list,
    keysVersion,
    loading,
    error: keysError,
    progress,
    cachedAt,
    updatingKeyIds,
    actionError,
    readOnlyReason,
  } = useKeysStore.getState()
  const { overview, selectingProfileId, error: profilesError } = useProfilesStore.getState()
  const { list: accounts, pending: accountsPending, error: accountsError } = useAccountsStore.getState()
  const { access, loading: accessLoading, error: accessError } = useKeyAccessStore.getState()
  const { pending: revocations, error: revocationsError } = useRevocationsStore.getState()
  const { run, progress: bulkProgress, error: bulkError } = useBulkStore.getState()
  const { lock, held } = useLockStore.getState()
  const snapshot: StateSnapshot = {
    session: { session, pending, error },
    keys: {
      list,
      keysVersion,
      loading,
      error: keysError,
      progress,
      cachedAt,
      updatingKeyIds,
      actionError,
      readOnlyReason,
    },
    profiles: { overview, selectingProfileId, error: profilesError },
    accounts: { list: accounts, pending: accountsPending, error: accountsError },
    keyAccess: { access, loading: accessLoading, error: accessError },
    revocations: { pending: revocations, error: revocationsError },
    keyDialogs: { dialog: useKeyDialogs.getState().dialog },
    bulk: { run, progress: bulkProgress, error: bulkError },
    lock: { locked: lock.locked, held },
  }
  return JSON.parse(JSON.stringify(snapshot)) as StateSnapshot
}
