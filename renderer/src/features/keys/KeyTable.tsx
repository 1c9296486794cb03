import { useEffect, useMemo } from 'react'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import { useAccountsStore } from '../../stores/accounts-store'
import { useKeyAccessStore } from '../../stores/key-access-store'
import { useKeysStore } from '../../stores/keys-store'
import { Alert } from '../../ui/Alert'
import { BulkBar } from '../bulk/BulkBar'
import { Button } from '../../ui/Button'
import { StatusMessage } from '../../ui/StatusMessage'
import { ColumnChooser } from './columns/ColumnChooser'
import { LayoutError } from './columns/LayoutError'
import { keyColumns } from './key-columns'
import { KeyGrid } from './KeyGrid'
import { KeyToolbar } from './KeyToolbar'
import { LoadProgress } from './LoadProgress'
import { OfflineBanner } from './OfflineBanner'
import { resourceLabelsOf } from './permission-chips'
import { PendingRevocations } from './PendingRevocations'
import { useKeyEvents } from './hooks/use-key-events'
import { useKeyTableModel } from './hooks/use-key-table-model'
import { KeyPanelHost } from './panel/KeyPanelHost'
import { useClosePanelOnScopeChange } from './panel/use-close-panel-on-scope-change'
import { AttentionFilterChip } from '../overview/AttentionFilterChip'

export interface KeyTableProps {
  /** The profile on screen; a list read for another profile is never shown. */
  profileId: string
  capabilities: DialectCapabilities
}

/** The key table of the active profile, the same for every dialect, shaped by its capabilities and the user's access. */
export function KeyTable({ profileId, capabilities }: KeyTableProps) {
  const storedList = useKeysStore((s) => s.list)
  const loading = useKeysStore((s) => s.loading)
  const error = useKeysStore((s) => s.error)
  const actionError = useKeysStore((s) => s.actionError)
  const updatingKeyIds = useKeysStore((s) => s.updatingKeyIds)
  const loadKeys = useKeysStore((s) => s.loadKeys)
  const dismissActionError = useKeysStore((s) => s.dismissActionError)
  const access = useKeyAccessStore((s) => s.access)
  const accounts = useAccountsStore((s) => s.list)

  useEffect(() => {
    void loadKeys()
  }, [loadKeys])
  useKeyEvents(profileId)

  const list = storedList?.profileId === profileId ? storedList : null
  const columns = useMemo(() => keyColumns(capabilities), [capabilities])
  const labels = useMemo(() => resourceLabelsOf(capabilities.resources), [capabilities.resources])
  // The layout is remembered per profile, and per account where the profile has accounts.
  const accountId = capabilities.hasAccounts
    ? ((accounts?.profileId === profileId ? accounts.selectedAccountId : null) ?? list?.accountId ?? null)
    : null
  const layoutScope = useMemo(
    () => (capabilities.hasAccounts && accountId === null ? null : { profileId, accountId }),
    [capabilities.hasAccounts, profileId, accountId],
  )
  const model = useKeyTableModel(list, columns, labels, layoutScope)
  const selectionScope = `${profileId}/${list?.accountId ?? ''}`
  const listedIds = useMemo(() => new Set(list?.keys.map((key) => key.id) ?? []), [list])
  useClosePanelOnScopeChange(selectionScope)

  return (
    <section className="keys" aria-labelledby="keys-title">
      <KeyToolbar
        capabilities={capabilities}
        filterText={model.filterText}
        onFilterText={model.setFilterText}
        status={model.status}
        onStatus={model.setStatus}
        count={list ? { shown: model.rows.length, total: model.total } : null}
        shownIds={() => model.rows.map((row) => row.key.id)}
        columnChooser={<ColumnChooser table={model.table} columns={columns} capabilities={capabilities} />}
      />

      <AttentionFilterChip profileId={profileId} />
      <PendingRevocations profileId={profileId} />
      <OfflineBanner />
      <LayoutError />
      <LoadProgress />
      <BulkBar capabilities={capabilities} />

      {error ? (
        <Alert
          action={
            <Button onClick={() => void loadKeys()} disabled={loading}>
              Retry
            </Button>
          }
        >
          {error.message}
        </Alert>
      ) : actionError ? (
        <Alert action={<Button onClick={dismissActionError}>Dismiss</Button>}>{actionError.message}</Alert>
      ) : null}

      {loading && !list ? <StatusMessage>Loading API keys…</StatusMessage> : null}

      {list && list.keys.length === 0 ? <p className="keys__empty">No API keys yet.</p> : null}

      {list && list.keys.length > 0 && model.rows.length === 0 ? (
        <p className="keys__empty">No keys match the filter.</p>
      ) : null}

      {list && model.rows.length > 0 ? (
        <div className="keys__body">
          <KeyGrid
            model={model}
            capabilities={capabilities}
            access={access}
            localCopyKeyIds={list.localCopyKeyIds}
            updatingKeyIds={updatingKeyIds}
            loading={loading}
            selectionScope={selectionScope}
            listedIds={listedIds}
          />
          <KeyPanelHost list={list} capabilities={capabilities} />
        </div>
      ) : null}
    </section>
  )
}
