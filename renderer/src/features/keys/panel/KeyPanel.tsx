import { useEffect, useId, useMemo } from 'react'
import type { ApiKey, KeyStatus } from '@shared/domain/api-key'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import { resourcesOf } from '@shared/domain/permissions/grid'
import { useKeyAccessStore } from '@renderer/stores/key-access-store'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { useKeyPanelStore } from '@renderer/stores/key-panel-store'
import { useKeysStore } from '@renderer/stores/keys-store'
import { useRevocationsStore } from '@renderer/stores/revocations-store'
import { Button } from '@renderer/ui/Button'
import { PermissionGrid } from '../fields/PermissionGrid'
import { rowActions } from '../menu/row-action-list'
import { useRunRowAction } from '../menu/use-run-row-action'
import { StatusBadge } from '../StatusBadge'
import { KeyAuditEntries } from './KeyAuditEntries'
import { KeyDates } from './KeyDates'
import './key-panel.css'

export interface KeyPanelProps {
  apiKey: ApiKey
  status: KeyStatus
  capabilities: DialectCapabilities
  hasLocalCopy: boolean
  /** The account's name where the dialect has accounts. */
  accountName: string | null
}

/** Everything about one key, beside the table: it follows the selected row and closes with Escape. */
export function KeyPanel({ apiKey, status, capabilities, hasLocalCopy, accountName }: KeyPanelProps) {
  const titleId = useId()
  const close = useKeyPanelStore((s) => s.close)
  const access = useKeyAccessStore((s) => s.access)
  const readOnlyReason = useKeysStore((s) => s.readOnlyReason)
  const updating = useKeysStore((s) => s.updatingKeyIds.includes(apiKey.id))
  const pending = useRevocationsStore((s) => s.pending.find((p) => p.keyId === apiKey.id) ?? null)
  const dialogOpen = useKeyDialogs((s) => s.dialog !== null)
  const run = useRunRowAction()
  const resources = useMemo(
    () => resourcesOf(capabilities.resources, apiKey.permissions),
    [capabilities.resources, apiKey.permissions],
  )
  const actions = rowActions({ apiKey, status, capabilities, access, hasLocalCopy, updating, readOnlyReason })

  useEffect(() => {
    if (dialogOpen) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) close()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [close, dialogOpen])

  return (
    <section className="key-panel" aria-labelledby={titleId}>
      <header className="key-panel__header">
        <h2 id={titleId} className="key-panel__title">
          {apiKey.name}
        </h2>
        <Button variant="quiet" className="button--small" onClick={close} aria-label="Close key details">
          Close
        </Button>
      </header>

      <dl className="key-panel__fields">
        <dt>Key</dt>
        <dd>
          <code>{apiKey.maskedKey}</code>
        </dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={status} />
        </dd>
        {capabilities.hasAccounts ? (
          <>
            <dt>{capabilities.accountLabel ?? 'Account'}</dt>
            <dd>{accountName ?? apiKey.accountId ?? '—'}</dd>
          </>
        ) : null}
        <KeyDates apiKey={apiKey} hasExpiry={capabilities.hasExpiry} />
        {capabilities.hasNotes ? (
          <>
            <dt>Notes</dt>
            <dd className="key-panel__notes">{apiKey.notes ?? '—'}</dd>
          </>
        ) : null}
        {pending ? (
          <>
            <dt>Pending revocation</dt>
            <dd className="key-panel__pending">
              Revoked on {new Date(pending.dueAt).toLocaleString()}
              {pending.lastError ? ` (last attempt failed: ${pending.lastError})` : ''}
            </dd>
          </>
        ) : null}
      </dl>

      <PermissionGrid
        caption={capabilities.permissionsLabel}
        resources={resources}
        value={apiKey.permissions}
        limits={null}
      />
      <h3 className="key-panel__subtitle">In this API&apos;s own words</h3>
      {apiKey.nativePermissions.length > 0 ? (
        <ul className="key-panel__native" aria-label={`Native ${capabilities.permissionsLabel.toLowerCase()}`}>
          {apiKey.nativePermissions.map((word) => (
            <li key={word}>
              <code>{word}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p className="key-panel__muted">None</p>
      )}

      <h3 className="key-panel__subtitle">Actions</h3>
      <div className="key-panel__actions">
        {actions.map((action) => (
          <Button
            key={action.kind}
            variant="secondary"
            className={action.danger ? 'button--small button--quiet-danger' : 'button--small'}
            aria-disabled={action.disabledReason ? 'true' : undefined}
            title={action.disabledReason ?? undefined}
            onClick={() => (action.disabledReason ? undefined : run(action.kind, apiKey))}
          >
            {action.label}
          </Button>
        ))}
      </div>

      <h3 className="key-panel__subtitle">On this computer</h3>
      <KeyAuditEntries keyId={apiKey.id} />
    </section>
  )
}
