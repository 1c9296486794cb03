import type { DialectCapabilities } from '../../../../../shared/domain/capabilities'
import { useAccountsStore } from '../../../stores/accounts-store'
import { profileEntry, useProfilesStore } from '../../../stores/profiles-store'
import { useSessionStore } from '../../../stores/session-store'

export interface KeyDialogContext {
  profileId: string
  signedIn: boolean
  capabilities: DialectCapabilities
  /** The selected wallet or account, where the dialect has them. */
  account: { label: string; name: string } | null
}

/** What every key dialog asks of the active profile: its capabilities and selected account. */
export function useKeyDialogContext(): KeyDialogContext | null {
  const session = useSessionStore((s) => s.session)
  const overview = useProfilesStore((s) => s.overview)
  const accounts = useAccountsStore((s) => s.list)
  if (!session) return null
  const profile = session.profile
  // BRIDGE (the renderer helper replaces this): main sends capabilities with the profile list; wait for it.
  const capabilities = profileEntry(overview, profile.id)?.capabilities
  if (!capabilities) return null
  let account: KeyDialogContext['account'] = null
  if (capabilities.hasAccounts && accounts?.profileId === profile.id) {
    const selected = accounts.accounts.find((a) => a.id === accounts.selectedAccountId)
    if (selected) account = { label: capabilities.accountLabel ?? 'Account', name: selected.name }
  }
  return { profileId: profile.id, signedIn: session.status === 'signed-in', capabilities, account }
}
