import { useKeysStore, type KeysStoreState } from './keys-store'
import { useSessionStore, type SessionStoreState } from './session-store'

export interface StateSnapshot {
  session: SessionStoreState
  keys: KeysStoreState
}

/** Plain JSON of the stores, without their actions; a deep copy, so tests cannot change state. */
export function stateSnapshot(): StateSnapshot {
  const { session, pending, error } = useSessionStore.getState()
  const { list, loading, error: keysError } = useKeysStore.getState()
  const snapshot: StateSnapshot = {
    session: { session, pending, error },
    keys: { list, loading, error: keysError },
  }
  return JSON.parse(JSON.stringify(snapshot)) as StateSnapshot
}
