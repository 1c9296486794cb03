import { useEffect } from 'react'
import type { DialectCapabilities } from '../../../../shared/domain/capabilities'
import { useKeysStore } from '../../stores/keys-store'
import { Alert } from '../../ui/Alert'
import { Button } from '../../ui/Button'
import { StatusMessage } from '../../ui/StatusMessage'
import { AccountSwitcher } from '../accounts/AccountSwitcher'
import { columnTitle, keyColumns } from './key-columns'
import { KeyRow } from './KeyRow'

export interface KeyTableProps {
  /** The profile on screen; a list read for another profile is never shown. */
  profileId: string
  capabilities: DialectCapabilities
}

export function KeyTable({ profileId, capabilities }: KeyTableProps) {
  const storedList = useKeysStore((s) => s.list)
  const loading = useKeysStore((s) => s.loading)
  const error = useKeysStore((s) => s.error)
  const loadKeys = useKeysStore((s) => s.loadKeys)

  useEffect(() => {
    void loadKeys()
  }, [loadKeys])

  const list = storedList?.profileId === profileId ? storedList : null
  const now = list ? new Date() : null
  const columns = keyColumns(capabilities)

  return (
    <section className="keys" aria-labelledby="keys-title">
      <div className="keys__toolbar">
        <div className="keys__heading">
          <h2 id="keys-title" className="keys__title">
            API keys
          </h2>
          {capabilities.hasAccounts ? <AccountSwitcher label={capabilities.accountLabel ?? 'Account'} /> : null}
        </div>
        <Button onClick={() => void loadKeys()} disabled={loading}>
          Refresh
        </Button>
      </div>

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
      ) : null}

      {loading && !list ? <StatusMessage>Loading API keys…</StatusMessage> : null}

      {list && now && list.keys.length === 0 ? <p className="keys__empty">No API keys yet.</p> : null}

      {list && now && list.keys.length > 0 ? (
        <div className="table-scroll">
          <table className="key-table" aria-label="API keys" aria-busy={loading}>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {columnTitle(column, capabilities)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.keys.map((apiKey) => (
                <KeyRow key={apiKey.id} apiKey={apiKey} columns={columns} capabilities={capabilities} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}
