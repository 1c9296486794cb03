import type { ApiKey, KeyStatus } from '@shared/domain/api-key'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import type { KeyAccess } from '@shared/domain/key-lifecycle'
import { revealAvailability } from '../reveal-availability'

export type RowActionKind = 'reveal' | 'edit' | 'toggle' | 'rotate' | 'try' | 'revoke'

export interface RowAction {
  kind: RowActionKind
  label: string
  /** Why it cannot be chosen now; null when it can. */
  disabledReason: string | null
  danger: boolean
}

export interface RowActionInput {
  apiKey: ApiKey
  status: KeyStatus
  capabilities: Pick<DialectCapabilities, 'canReveal' | 'canDisable'>
  /** null while unknown or unreadable: nothing that changes keys is offered then. */
  access: KeyAccess | null
  hasLocalCopy: boolean
  /** Being disabled or enabled right now. */
  updating: boolean
  /** Set when the list is the offline cache: actions that need the server say so. */
  readOnlyReason: string | null
}

/**
 * The actions allowed on one key, from the capabilities and the user's access (never the dialect's
 * name), most-used first: the first is the one a row keeps visible, the rest go in its menu.
 */
export function rowActions(input: RowActionInput): RowAction[] {
  const { apiKey, status, capabilities, access, hasLocalCopy, updating, readOnlyReason } = input
  const expired = status === 'expired'
  const server = readOnlyReason
  const action = (kind: RowActionKind, label: string, disabledReason: string | null = null): RowAction => ({
    kind,
    label,
    disabledReason,
    danger: kind === 'revoke',
  })
  const list: RowAction[] = []
  const reveal = revealAvailability(capabilities, access, hasLocalCopy)
  const revealAction = expired
    ? null
    : action('reveal', 'Reveal', reveal.available ? (hasLocalCopy ? null : server) : reveal.reason)
  const canToggle = capabilities.canDisable && access?.canEdit === true && !expired && apiKey.status !== 'expired'
  const edit = access?.canEdit ? action('edit', 'Edit', server) : null

  // Reveal leads where this API can show keys again (or a copy is kept); Edit otherwise.
  const revealLeads = revealAction !== null && (reveal.available || capabilities.canReveal)
  if (revealLeads) list.push(revealAction)
  if (edit) list.push(edit)
  if (canToggle)
    list.push(
      action('toggle', apiKey.status === 'disabled' ? 'Enable' : 'Disable', updating ? 'Updating this key…' : server),
    )
  if (revealAction && !revealLeads) list.push(revealAction)
  if (access?.canCreate && access.canDelete) list.push(action('rotate', 'Rotate', server))
  list.push(action('try', 'Try key'))
  if (access?.canDelete) list.push(action('revoke', 'Revoke', server))
  return list
}
