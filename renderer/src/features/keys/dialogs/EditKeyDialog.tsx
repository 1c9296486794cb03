import { useEffect, useId, useState, type FormEvent } from 'react'
import type { ApiKey } from '@shared/domain/api-key'
import { resourcesOf } from '@shared/domain/permissions/grid'
import { useMounted } from '@renderer/hooks/use-mounted'
import { updateKey } from '@renderer/stores/key-actions'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { Button } from '@renderer/ui/Button'
import { TextField } from '@renderer/ui/TextField'
import { formatDate } from '../format-date'
import { ExpiryField } from '../fields/ExpiryField'
import { KeyAccessNotice } from '../fields/KeyAccessNotice'
import { KeyFormHeader } from '../fields/KeyFormHeader'
import { KeyNameField, KeyNotesField } from '../fields/KeyTextFields'
import { PermissionGrid } from '../fields/PermissionGrid'
import { checkChanges, initialEditValues } from '../form/key-form'
import { splitKeyServerError } from '../form/server-errors'
import type { KeyDialogContext } from '../hooks/use-dialog-context'
import { useKeyAccess } from '../hooks/use-key-access'
import { useKeyForm } from '../hooks/use-key-form'
import { KeyModal } from './KeyModal'

const FIXED = "Can't be changed"

/** "Edit API key": what the dialect lets change is editable, the rest is shown read-only. Only changes are sent. */
export function EditKeyDialog({ apiKey, context }: { apiKey: ApiKey; context: KeyDialogContext }) {
  const { capabilities, account } = context
  const close = useKeyDialogs((s) => s.close)
  const { state: accessState, reload: reloadAccess } = useKeyAccess()
  const titleId = useId()
  const [now] = useState(() => new Date())
  const {
    values,
    checked,
    formRef,
    alertLines,
    saving,
    setSaving,
    errorOf,
    touch,
    change,
    startSaving,
    showSaveErrors,
  } = useKeyForm(
    () => initialEditValues(apiKey),
    (current) => checkChanges(apiKey, current, capabilities, now),
  )
  const mounted = useMounted()

  // The first field the user can change gets focus (on wallet the name is fixed, so notes or the grid).
  useEffect(() => {
    formRef.current
      ?.querySelector<HTMLElement>('input:not([readonly]):not(:disabled), textarea:not([readonly])')
      ?.focus()
  }, [formRef])

  const access = accessState.status === 'ready' ? accessState.access : null
  const changed = checked.changes !== null && Object.keys(checked.changes).length > 0
  const canSave = checked.changes !== null && changed && !saving && (access?.canEdit ?? false)

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!canSave || checked.changes === null) return
    startSaving()
    const result = await updateKey(apiKey.id, checked.changes)
    if (!mounted.current) return
    setSaving(false)
    if (result.ok) {
      close()
      return
    }
    if (result.error.code === 'CANCELLED') return
    const split = splitKeyServerError(result.error)
    showSaveErrors(split.fields, split.alert)
  }

  const gridEditable = capabilities.permissionsEditable && access !== null && access.canEdit
  const resources = access
    ? resourcesOf(access.resources, apiKey.permissions, values.permissions)
    : resourcesOf([], apiKey.permissions)

  return (
    <KeyModal labelledBy={titleId} className="key-dialog" onCancel={close} onClosed={close}>
      <form ref={formRef} className="modal__body key-form" noValidate onSubmit={(event) => void save(event)}>
        <KeyFormHeader titleId={titleId} title="Edit API key" account={account} alertLines={alertLines} />

        <KeyNameField
          readOnly={!capabilities.canRename}
          hint={capabilities.canRename ? undefined : FIXED}
          error={errorOf('name')}
          value={capabilities.canRename ? values.name : apiKey.name}
          onChange={(name) => change('name', name, false)}
          onBlur={() => touch('name')}
        />

        {capabilities.hasExpiry && capabilities.expiryEditable ? (
          <ExpiryField
            value={values.expiryDate}
            onChange={(date) => change('expiryDate', date)}
            required={capabilities.expiryRequired}
            now={now}
            hint={capabilities.expiryRequired ? undefined : 'Leave empty for a key that does not expire.'}
            error={errorOf('expiresAt')}
          />
        ) : null}
        {capabilities.hasExpiry && !capabilities.expiryEditable ? (
          <TextField
            label="Expiry date"
            hint={FIXED}
            readOnly
            value={apiKey.expiresAt ? formatDate(apiKey.expiresAt) : 'Never'}
          />
        ) : null}

        {capabilities.hasNotes ? (
          <KeyNotesField value={values.notes} onChange={(notes) => change('notes', notes)} error={errorOf('notes')} />
        ) : null}

        <KeyAccessNotice
          state={accessState}
          onRetry={reloadAccess}
          needs="canEdit"
          loadingText="Loading what you may change…"
          deniedText="You may not edit API keys here."
        />
        <PermissionGrid
          caption={capabilities.permissionsLabel || 'Permissions'}
          resources={resources}
          limits={gridEditable ? access.grantLimits : null}
          value={gridEditable ? values.permissions : apiKey.permissions}
          onChange={gridEditable ? (grid) => change('permissions', grid) : undefined}
          hint={capabilities.permissionsEditable ? 'Change includes View. View alone is read-only.' : FIXED}
          error={errorOf('permissions')}
        />

        <div className="modal__actions">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={!canSave}>
            Save
          </Button>
        </div>
      </form>
    </KeyModal>
  )
}
