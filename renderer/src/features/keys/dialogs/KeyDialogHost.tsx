import { useEffect, useRef } from 'react'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { useKeyDialogContext } from '../hooks/use-dialog-context'
import { AddKeyDialog } from './AddKeyDialog'
import { AuditLogDialog } from './AuditLogDialog'
import { EditKeyDialog } from './EditKeyDialog'
import { OneTimeSecretDialog } from './OneTimeSecretDialog'
import { RevealKeyDialog } from './RevealKeyDialog'
import { RevokeKeyDialog } from './RevokeKeyDialog'
import { RotateKeyDialog } from './RotateKeyDialog'
import { SettingsDialog } from './SettingsDialog'
import { TryKeyDialog } from './TryKeyDialog'

/**
 * Renders the key dialog that is open, if any. Each open is keyed by its sequence number, so every
 * dialog starts fresh (its own idempotency key, its own state) and closing one returns focus to the
 * control that opened it (the native <dialog> does that).
 */
export function KeyDialogHost() {
  const dialog = useKeyDialogs((s) => s.dialog)
  const seq = useKeyDialogs((s) => s.seq)
  const context = useKeyDialogContext()
  const profileId = context?.profileId ?? null
  const signedIn = context?.signedIn ?? false

  // A dialog about one profile's keys must not act on another's: when the profile changes or the
  // session ends, it closes. The one-time secret stays: it is the only chance to see that value.
  const shownFor = useRef(profileId)
  useEffect(() => {
    const changed = shownFor.current !== profileId
    shownFor.current = profileId
    const { dialog: open, close } = useKeyDialogs.getState()
    if (open && open.kind !== 'secret' && (changed || !signedIn)) close()
  }, [profileId, signedIn])

  // Unmounted (signed out, with the host inside the signed-in layout): nothing may linger in the store.
  useEffect(() => () => useKeyDialogs.getState().close(), [])

  if (!dialog) return null
  // The one-time secret carries what it needs: it stays whatever happens to the profile behind it.
  if (dialog.kind === 'secret') {
    return (
      <OneTimeSecretDialog
        key={seq}
        created={dialog.created}
        origin={dialog.origin}
        replaced={dialog.replaced}
        canReveal={dialog.canReveal}
        recovery={dialog.recovery}
      />
    )
  }
  if (!context?.signedIn) return null

  switch (dialog.kind) {
    case 'create':
      return <AddKeyDialog key={seq} context={context} />
    case 'edit':
      return <EditKeyDialog key={seq} apiKey={dialog.key} context={context} />
    case 'revoke':
      return <RevokeKeyDialog key={seq} apiKey={dialog.key} />
    case 'reveal':
      return <RevealKeyDialog key={seq} apiKey={dialog.key} />
    case 'rotate':
      return <RotateKeyDialog key={seq} apiKey={dialog.key} capabilities={context.capabilities} />
    case 'try':
      return <TryKeyDialog key={seq} apiKey={dialog.key} capabilities={context.capabilities} />
    case 'audit':
      return <AuditLogDialog key={seq} />
    case 'settings':
      return <SettingsDialog key={seq} />
  }
}
