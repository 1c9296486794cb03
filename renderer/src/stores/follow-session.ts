import { useAccountsStore } from './accounts-store'
import { useKeysStore } from './keys-store'
import { useSessionStore } from './session-store'

/**
 * Drops the keys and accounts whenever the profile changes or nobody is signed in any more. It runs
 * inside the store update, before React renders, so a table for the new profile never shows the old
 * profile's rows and its first load is not undone by a late clear. Returns the unsubscribe function.
 */
export function followSession(): () => void {
  return useSessionStore.subscribe((state, previous) => {
    const now = state.session
    const before = previous.session
    if (now === before) return
    const profileChanged = before !== null && now !== null && now.profile.id !== before.profile.id
    const leftSignedIn = before?.status === 'signed-in' && now?.status !== 'signed-in'
    if (!profileChanged && !leftSignedIn) return
    useKeysStore.getState().clearKeys()
    useAccountsStore.getState().clearAccounts()
  })
}
