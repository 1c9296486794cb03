import { useEffect, useId, useState, type FormEvent } from 'react'
import type { ApiKey } from '../../../../../shared/domain/api-key'
import { resourcesOf } from '../../../../../shared/domain/permissions/grid'
import { invoke } from '../../../ipc/bridge'
import { useKeysStore } from '../../../stores/keys-store'
import { Button } from '../../../ui/Button'
import { TextField } from '../../../ui/TextField'
import { formatDate } from '../format-date'
import { ExpiryField } from './ExpiryField'
import { useKeyDialogs } from './key-dialog-store'
import { checkChanges, initialEditValues } from './key-form'
import { KeyAccessNotice } from './KeyAccessNotice'
import { KeyFormHeader } from './KeyFormHeader'
import { KeyModal } from './KeyModal'
import { KeyNameField, KeyNotesField } from './KeyTextFields'
import { PermissionGrid } from './PermissionGrid'
import { splitServerError } from './server-errors'
import type { KeyDialogContext } from './use-dialog-context'
import { useKeyAccess } from './use-key-access'
import { useKeyForm } from './use-key-form'
import { useMounted } from './use-mounted'

const FIXED = "Can't be changed"

/** "Edit API key": what the dialect lets change is editable, the rest is shown read-only. Only changes are sent. */
export function EditKeyDialog({ apiKey, context }: { apiKey: ApiKey; context: KeyDialogContext }) {
  const { capabilities, account } = context
  const close = useKeyDialogs((s) => s.close)
  const { state: accessState, reload: reloadAccess } = useKeyAccess()
  const titleId = useId()
  const [now] = useState(() => new Date())
  const { values, checked, formRef, alertLines, saving, setSaving, errorOf, touch, change, startSaving, showSaveErrors } = useKeyForm(
    () => initialEditValues(apiKey),
    (current) => checkChanges(apiKey, current, capabilities, now),
  )
  const mounted = useMounted()

  // The first field the user can change gets focus (on wallet the name is fixed, so notes or the grid).
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input:not([readonly]):not(:disabled), textarea:not([readonly])')?.focus()
  }, [])

  const access = accessState.status === 'ready' ? accessState.access : null
  const changed = checked.changes !== null && Object.keys(checked.changes).length > 0
  const canSave = checked.changes !== null && changed && !saving && (access?.canEdit ?? false)

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!canSave || checked.changes === null) return
    startSaving()
    const result = await invoke('updateKey', { keyId: apiKey.id, changes: checked.changes })
    if (result.ok) void useKeysStore.getState().loadKeys()
    if (!mounted.current) return
    setSaving(false)
    if (result.ok) {
      close()
      return
    }
    if (result.error.code === 'CANCELLED') return
    const split = splitServerError(result.error)
    showSaveErrors(split.fields, split.alert)
  }

  const gridEditable = capabilities.permissionsEditable && access !== null && access.canEdit
  const resources = access ? resourcesOf(access.resources, apiKey.permissions, values.permissions) : resourcesOf([], apiKey.permissions)

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
          <TextField label="Expiry date" hint={FIXED} readOnly value={apiKey.expiresAt ? formatDate(apiKey.expiresAt) : 'Never'} />
        ) : null}

        {capabilities.hasNotes ? <KeyNotesField value={values.notes} onChange={(notes) => change('notes', notes)} error={errorOf('notes')} /> : null}

        <KeyAccessNotice state={accessState} onRetry={reloadAccess} needs="canEdit" loadingText="Loading what you may change…" deniedText="You may not edit API keys here." />
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
