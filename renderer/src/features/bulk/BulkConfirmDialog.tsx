import { useEffect, useId, useRef } from 'react'
import type { GraceOption } from '@shared/domain/key-lifecycle'
import { useBulkStore } from '@renderer/stores/bulk-store'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { SelectField } from '@renderer/ui/SelectField'
import { KeyModal } from '../keys/dialogs/KeyModal'
import { SudoPrompt } from '../sudo/SudoPrompt'
import { actionLabels, firstNames } from './bulk-applicable'

const graceChoices: ReadonlyArray<{ value: GraceOption; label: string }> = [
  { value: 'now', label: 'Now' },
  { value: '15m', label: 'After 15 minutes' },
  { value: '1h', label: 'After 1 hour' },
  { value: '24h', label: 'After 24 hours' },
]

const consequences = {
  revoke: 'Apps using them stop working at once. This cannot be undone.',
  disable: 'Apps using them stop working until they are enabled again.',
  enable: 'They work again at once.',
  rotate: 'Each gets a successor with the same settings; you see each new key once.',
} as const

/** The one confirmation of a bulk action: the count and the first names; rotation asks one grace period for all. */
export function BulkConfirmDialog() {
  const asking = useBulkStore((s) => s.asking)
  const grace = useBulkStore((s) => s.grace)
  const starting = useBulkStore((s) => s.starting)
  const error = useBulkStore((s) => s.error)
  const sudoReason = useBulkStore((s) => s.sudoReason)
  const { setGrace, dismissAsk, start } = useBulkStore.getState()
  const titleId = useId()
  const textId = useId()
  const noRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    noRef.current?.focus()
  }, [])

  if (!asking) return null
  const count = asking.keys.length
  const noun = count === 1 ? 'key' : 'keys'
  const label = actionLabels[asking.action]

  return (
    <KeyModal
      labelledBy={titleId}
      describedBy={textId}
      role="alertdialog"
      className="modal--narrow"
      onCancel={dismissAsk}
      onClosed={dismissAsk}
    >
      <div className="modal__body">
        <h2 id={titleId} className="modal__title">
          {label.verb} {count} API {noun}
        </h2>
        <div id={textId} className="key-dialog__text">
          <p>
            {label.verb} {firstNames(asking.keys.map((key) => key.name))}? {consequences[asking.action]}
          </p>
        </div>
        {asking.action === 'rotate' ? (
          <SelectField label="Revoke the old keys" value={grace} options={graceChoices} onChange={setGrace} />
        ) : null}
        {error ? <Alert>{error.message}</Alert> : null}
        {sudoReason !== null ? (
          <SudoPrompt reason={sudoReason} onProved={() => void start()} onCancel={dismissAsk} />
        ) : (
          <div className="modal__actions">
            <Button ref={noRef} onClick={dismissAsk}>
              No
            </Button>
            <Button
              variant={asking.action === 'enable' ? 'primary' : 'danger'}
              onClick={() => void start()}
              disabled={starting}
            >
              {label.verb} {count} {noun}
            </Button>
          </div>
        )}
      </div>
    </KeyModal>
  )
}
