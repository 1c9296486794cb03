import { useId } from 'react'
import type { ApiKey, KeyStatus } from '@shared/domain/api-key'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import type { KeyAccess } from '@shared/domain/key-lifecycle'
import { useKeysStore } from '../../stores/keys-store'
import { Button } from '../../ui/Button'
import { useKeyDialogs } from '../../stores/key-dialog-store'
import { revealAvailability } from './reveal-availability'

export interface RowActionsProps {
  apiKey: ApiKey
  status: KeyStatus
  capabilities: Pick<DialectCapabilities, 'canReveal' | 'canDisable'>
  /** null while unknown or unreadable: nothing that changes keys is offered then. */
  access: KeyAccess | null
  hasLocalCopy: boolean
  /** Being disabled or enabled right now. */
  updating: boolean
  /** The id of the row's name cell, so each button is described by the key it acts on. */
  nameId: string
}

/**
 * The buttons of one row, from the capabilities and the user's access, never the dialect's name.
 * Their accessible names are the bare verbs ("Edit", "Revoke"); the key's name is their description.
 */
export function RowActions({ apiKey, status, capabilities, access, hasLocalCopy, updating, nameId }: RowActionsProps) {
  const reasonId = useId()
  const open = useKeyDialogs((s) => s.open)
  const setKeyEnabled = useKeysStore((s) => s.setKeyEnabled)
  const expired = status === 'expired'
  const reveal = revealAvailability(capabilities, access, hasLocalCopy)
  const canToggle = capabilities.canDisable && access?.canEdit === true && !expired && apiKey.status !== 'expired'
  const disabled = apiKey.status === 'disabled'

  return (
    <div className="row-actions">
      {access?.canEdit ? (
        <Button
          variant="quiet"
          className="button--small"
          aria-describedby={nameId}
          onClick={() => open({ kind: 'edit', key: apiKey })}
        >
          Edit
        </Button>
      ) : null}
      {canToggle ? (
        <Button
          variant="quiet"
          className="button--small"
          aria-describedby={nameId}
          disabled={updating}
          aria-busy={updating || undefined}
          onClick={() => void setKeyEnabled(apiKey.id, disabled)}
        >
          {disabled ? 'Enable' : 'Disable'}
        </Button>
      ) : null}
      {expired ? null : reveal.available ? (
        <Button
          variant="quiet"
          className="button--small"
          aria-describedby={nameId}
          onClick={() => open({ kind: 'reveal', key: apiKey })}
        >
          Reveal
        </Button>
      ) : (
        // aria-disabled rather than disabled: the button stays focusable, so the reason can be read.
        <span className="has-tooltip">
          <Button
            variant="quiet"
            className="button--small button--unavailable"
            aria-disabled="true"
            aria-describedby={`${reasonId} ${nameId}`}
          >
            Reveal
          </Button>
          <span id={reasonId} role="tooltip" className="tooltip">
            {reveal.reason}
          </span>
        </span>
      )}
      {access?.canCreate && access.canDelete ? (
        <Button
          variant="quiet"
          className="button--small"
          aria-describedby={nameId}
          onClick={() => open({ kind: 'rotate', key: apiKey })}
        >
          Rotate
        </Button>
      ) : null}
      <Button
        variant="quiet"
        className="button--small"
        aria-describedby={nameId}
        onClick={() => open({ kind: 'try', key: apiKey })}
      >
        Try key
      </Button>
      {access?.canDelete ? (
        <Button
          variant="quiet"
          className="button--small button--quiet-danger"
          aria-describedby={nameId}
          onClick={() => open({ kind: 'revoke', key: apiKey })}
        >
          Revoke
        </Button>
      ) : null}
    </div>
  )
}
