import { useEffect } from 'react'
import { useKeysStore } from '../../stores/keys-store'
import { Alert } from '../../ui/Alert'
import { Button } from '../../ui/Button'
import { StatusMessage } from '../../ui/StatusMessage'
import { KeyRow } from './KeyRow'

export function KeyTable() {
  const list = useKeysStore((s) => s.list)
  const loading = useKeysStore((s) => s.loading)
  const error = useKeysStore((s) => s.error)
  const loadKeys = useKeysStore((s) => s.loadKeys)

  useEffect(() => {
    void loadKeys()
  }, [loadKeys])

  const now = list ? new Date() : null

  return (
    <section className="keys" aria-labelledby="keys-title">
      <div className="keys__toolbar">
        <h2 id="keys-title" className="keys__title">
          API keys
        </h2>
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
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Status</th>
                <th scope="col">Expiry date</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.keys.map((apiKey) => (
                <KeyRow key={apiKey.id} apiKey={apiKey} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}
