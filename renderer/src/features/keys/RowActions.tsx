import type { ApiKey, KeyStatus } from '@shared/domain/api-key'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import type { KeyAccess } from '@shared/domain/key-lifecycle'
import { useKeysStore } from '../../stores/keys-store'
import { Button } from '../../ui/Button'
import { Menu } from '../../ui/Menu'
import { Tooltip } from '../../ui/Tooltip'
import { rowActions } from './menu/row-action-list'
import { useRunRowAction } from './menu/use-run-row-action'

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
 * One row's actions: the most-used one as a button, the rest in a "More actions" menu. Their
 * accessible names are the bare verbs ("Edit", "Revoke"); the key's name is their description.
 */
export function RowActions({ apiKey, status, capabilities, access, hasLocalCopy, updating, nameId }: RowActionsProps) {
  const readOnlyReason = useKeysStore((s) => s.readOnlyReason)
  const run = useRunRowAction()
  const [first, ...rest] = rowActions({
    apiKey,
    status,
    capabilities,
    access,
    hasLocalCopy,
    updating,
    readOnlyReason,
  })

  return (
    <div className="row-actions">
      {!first ? null : first.disabledReason ? (
        // aria-disabled rather than disabled: the button stays focusable, so the reason can be read.
        <Tooltip content={first.disabledReason}>
          {(tooltipId) => (
            <Button
              variant="quiet"
              className="button--small button--unavailable"
              aria-disabled="true"
              aria-describedby={`${tooltipId} ${nameId}`}
            >
              {first.label}
            </Button>
          )}
        </Tooltip>
      ) : (
        <Button
          variant="quiet"
          className="button--small"
          aria-describedby={nameId}
          onClick={() => run(first.kind, apiKey)}
        >
          {first.label}
        </Button>
      )}
      {rest.length > 0 ? (
        <Menu
          label="More actions"
          buttonContent={<span aria-hidden="true">⋯</span>}
          buttonClassName="button button--quiet button--small row-actions__more"
          describedBy={nameId}
          items={rest.map((action) => ({
            id: action.kind,
            label: action.label,
            danger: action.danger,
            disabledReason: action.disabledReason,
            onSelect: () => run(action.kind, apiKey),
          }))}
        />
      ) : null}
    </div>
  )
}
