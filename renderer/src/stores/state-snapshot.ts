import { useAccountsStore, type AccountsStoreState } from './accounts-store'
import { useKeysStore, type KeysStoreState } from './keys-store'
import { useProfilesStore, type ProfilesStoreState } from './profiles-store'
import { useSessionStore, type SessionStoreState } from './session-store'

export interface StateSnapshot {
  session: SessionStoreState
  keys: KeysStoreState
  profiles: ProfilesStoreState
  accounts: AccountsStoreState
}

/** Plain JSON of the stores, without their actions; a deep copy, so tests cannot change state. */
export function stateSnapshot(): StateSnapshot {
  const { session, pending, error } = useSessionStore.getState()
  const { list, loading, error: keysError } = useKeysStore.getState()
  const { overview, selectingProfileId, error: profilesError } = useProfilesStore.getState()
  const { list: accounts, pending: accountsPending, error: accountsError } = useAccountsStore.getState()
  const snapshot: StateSnapshot = {
    session: { session, pending, error },
    keys: { list, loading, error: keysError },
    profiles: { overview, selectingProfileId, error: profilesError },
    accounts: { list: accounts, pending: accountsPending, error: accountsError },
  }
  return JSON.parse(JSON.stringify(snapshot)) as StateSnapshot
}
