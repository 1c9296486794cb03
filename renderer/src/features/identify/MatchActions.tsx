import { useState } from 'react'
import type { KeyMatch } from '@shared/contracts/identify'
import { activateMatch } from '@renderer/stores/identify-store'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { useKeyPanelStore } from '@renderer/stores/key-panel-store'
import { useKeysStore } from '@renderer/stores/keys-store'
import { useProfilesStore } from '@renderer/stores/profiles-store'
import { useViewStore } from '@renderer/stores/view-store'
import { Button } from '@renderer/ui/Button'

type Action = 'open' | 'rotate' | 'disable' | 'revoke'

/** Open, Rotate, Disable, Revoke for one matched key: switches to its profile, then reuses the key dialogs. */
export function MatchActions({ match, label }: { match: KeyMatch; label: string }) {
  const [busy, setBusy] = useState<Action | null>(null)
  const [error, setError] = useState<string | null>(null)
  const canDisable = useProfilesStore(
    (s) => s.overview?.profiles.find((p) => p.profile.id === match.profileId)?.capabilities.canDisable ?? false,
  )

  const run = async (action: Action) => {
    setBusy(action)
    setError(null)
    const found = await activateMatch(match)
    setBusy(null)
    if (!found.ok) {
      setError(found.message)
      return
    }
    if (action === 'open') {
      useViewStore.getState().show('keys')
      useKeyPanelStore.getState().open(found.key.id)
    } else if (action === 'disable') {
      await useKeysStore.getState().setKeyEnabled(found.key.id, false)
    } else {
      useKeyDialogs.getState().open({ kind: action, key: found.key })
    }
  }

  return (
    <div className="identify-actions">
      <Button
        className="button--small"
        variant="quiet"
        aria-label={`Open ${label}`}
        disabled={busy !== null}
        onClick={() => void run('open')}
      >
        Open
      </Button>
      <Button
        className="button--small"
        variant="quiet"
        aria-label={`Rotate ${label}`}
        disabled={busy !== null}
        onClick={() => void run('rotate')}
      >
        Rotate
      </Button>
      {canDisable && match.status === 'active' ? (
        <Button
          className="button--small"
          variant="quiet"
          aria-label={`Disable ${label}`}
          disabled={busy !== null}
          onClick={() => void run('disable')}
        >
          Disable
        </Button>
      ) : null}
      <Button
        className="button--small button--quiet-danger"
        variant="quiet"
        aria-label={`Revoke ${label}`}
        disabled={busy !== null}
        onClick={() => void run('revoke')}
      >
        Revoke
      </Button>
      {error ? (
        <span className="identify-actions__error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  )
}
