import type { DialectCapabilities } from '@shared/domain/capabilities'
import { useAccountsStore } from '@renderer/stores/accounts-store'
import { profileEntry, useProfilesStore } from '@renderer/stores/profiles-store'
import { useSessionStore } from '@renderer/stores/session-store'

export interface KeyDialogContext {
  profileId: string
  signedIn: boolean
  capabilities: DialectCapabilities
  /** The selected wallet or account, where the dialect has them. */
  account: { label: string; name: string } | null
}

/**
 * What every key dialog asks of the active profile: its capabilities and selected account. Null
 * until the session and the profile's capabilities (sent by main with the profile list) are known.
 */
export function useKeyDialogContext(): KeyDialogContext | null {
  const session = useSessionStore((s) => s.session)
  const overview = useProfilesStore((s) => s.overview)
  const accounts = useAccountsStore((s) => s.list)
  if (!session) return null
  const profile = session.profile
  const capabilities = profileEntry(overview, profile.id)?.capabilities
  if (!capabilities) return null
  let account: KeyDialogContext['account'] = null
  if (capabilities.hasAccounts && accounts?.profileId === profile.id) {
    const selected = accounts.accounts.find((a) => a.id === accounts.selectedAccountId)
    if (selected) account = { label: capabilities.accountLabel ?? 'Account', name: selected.name }
  }
  return { profileId: profile.id, signedIn: session.status === 'signed-in', capabilities, account }
}
