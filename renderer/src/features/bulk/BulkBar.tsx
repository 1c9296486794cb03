import { useId, useMemo } from 'react'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import { useBulkStore } from '@renderer/stores/bulk-store'
import { useKeyAccessStore } from '@renderer/stores/key-access-store'
import { useKeysStore } from '@renderer/stores/keys-store'
import { useSelectionStore } from '@renderer/stores/selection-store'
import { Button } from '@renderer/ui/Button'
import { actionLabels, applicableActions } from './bulk-applicable'
import { BulkConfirmDialog } from './BulkConfirmDialog'
import { BulkRunPanel } from './BulkRunPanel'
import './bulk.css'

/**
 * The selection bar: shown while rows are ticked, it offers each bulk action where the
 * capabilities and the user's access allow it, saying how many ticked keys it applies to; below it,
 * the run this window started.
 */
export function BulkBar({ capabilities }: { capabilities: DialectCapabilities }) {
  const selectedIds = useSelectionStore((s) => s.selectedIds)
  const clear = useSelectionStore((s) => s.clear)
  const list = useKeysStore((s) => s.list)
  const readOnlyReason = useKeysStore((s) => s.readOnlyReason)
  const access = useKeyAccessStore((s) => s.access)
  const asking = useBulkStore((s) => s.asking)
  const run = useBulkStore((s) => s.run)
  const running = run !== null && (run.status === 'running' || run.status === 'cancelling')
  const titleId = useId()

  // Only ids of the list on screen count: a tick left from another profile never reaches a run.
  const ticked = useMemo(() => (list ? list.keys.filter((key) => selectedIds.has(key.id)) : []), [list, selectedIds])
  const actions = useMemo(() => applicableActions(ticked, capabilities, access), [ticked, capabilities, access])
  const offered = actions.filter((a) =>
    a.action !== 'disable' && a.action !== 'enable' ? true : capabilities.canDisable,
  )

  return (
    <>
      {ticked.length > 0 ? (
        <section className="bulk-bar" aria-labelledby={titleId}>
          <h2 id={titleId} className="bulk-bar__count">
            {ticked.length} {ticked.length === 1 ? 'key' : 'keys'} selected
          </h2>
          <div className="bulk-bar__actions" role="group" aria-label="Bulk actions">
            {offered.map(({ action, keys, reason }) => {
              const why = readOnlyReason ?? (running ? 'a bulk action is under way' : reason)
              const enabled = keys.length > 0 && !readOnlyReason && !running
              return (
                <Button
                  key={action}
                  variant={action === 'revoke' ? 'danger' : 'secondary'}
                  disabled={!enabled}
                  title={enabled ? undefined : (why ?? undefined)}
                  onClick={() =>
                    useBulkStore.getState().ask({ action, keys: keys.map((key) => ({ id: key.id, name: key.name })) })
                  }
                >
                  {actionLabels[action].button} {keys.length} of {ticked.length}
                </Button>
              )
            })}
            <Button variant="quiet" onClick={clear}>
              Clear selection
            </Button>
          </div>
        </section>
      ) : null}
      {asking ? <BulkConfirmDialog /> : null}
      <BulkRunPanel />
    </>
  )
}
