import { useEffect, useMemo } from 'react'
import { summarize, type AttentionFilter } from '@shared/domain/attention'
import { useKeysStore } from '../../stores/keys-store'
import { Alert } from '../../ui/Alert'
import { StatusMessage } from '../../ui/StatusMessage'
import { AttentionTiles } from './AttentionTiles'
import { openFiltered } from './open-filtered'
import { OverviewCharts } from './OverviewCharts'
import { RotationDueList } from './RotationDueList'
import { RotationPolicyField } from './RotationPolicyField'
import { useAttentionContext } from './use-attention-context'
import './overview.css'

function readAt(iso: string): number {
  const at = Date.parse(iso)
  return Number.isNaN(at) ? 0 : at
}

/** What needs attention in the profile on screen, computed from the same list the table has. */
export function OverviewView({ profileId }: { profileId: string }) {
  const stored = useKeysStore((s) => s.list)
  const loading = useKeysStore((s) => s.loading)
  const error = useKeysStore((s) => s.error)
  const loadKeys = useKeysStore((s) => s.loadKeys)
  const list = stored?.profileId === profileId ? stored : null
  // The table normally read the list already; only a window opened straight on the Overview asks the store.
  useEffect(() => {
    if (!list && !loading) void loadKeys()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [profileId])
  // "Now" is when the list was read: the figures match the list, and a tile's filter matches its count.
  const at = list ? readAt(list.fetchedAt) : undefined
  const context = useAttentionContext(profileId, at)
  const summary = useMemo(() => (list && context ? summarize(list.keys, context) : null), [list, context])
  const open = (filter: AttentionFilter) => {
    if (at !== undefined) openFiltered(profileId, filter, at)
  }

  return (
    <section className="overview" aria-labelledby="overview-title">
      <div className="overview__head">
        <h2 id="overview-title">Overview</h2>
        <RotationPolicyField profileId={profileId} />
      </div>
      {error ? <Alert>{error.message}</Alert> : null}
      {!summary ? (
        <StatusMessage>Loading the keys…</StatusMessage>
      ) : (
        <>
          <p className="overview__total">
            {summary.total} {summary.total === 1 ? 'key' : 'keys'} in this profile
            {list?.accountId ? ' (the selected account)' : ''}.
          </p>
          <AttentionTiles counts={summary.counts} onOpen={(bucket) => open({ kind: 'bucket', bucket })} />
          {list && context && at !== undefined ? (
            <RotationDueList
              keys={list.keys}
              context={context}
              profileId={profileId}
              accountId={list.accountId ?? null}
              at={at}
            />
          ) : null}
          <OverviewCharts summary={summary} at={at ?? 0} onOpen={open} />
        </>
      )}
    </section>
  )
}
