import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useMounted } from '@renderer/hooks/use-mounted'
import { createKey } from '@renderer/stores/key-actions'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { Button } from '@renderer/ui/Button'
import { ExpiryField } from '../fields/ExpiryField'
import { KeyAccessNotice } from '../fields/KeyAccessNotice'
import { KeyFormHeader } from '../fields/KeyFormHeader'
import { KeyNameField, KeyNotesField } from '../fields/KeyTextFields'
import { PermissionGrid } from '../fields/PermissionGrid'
import { checkDraft, defaultExpiryDate } from '../form/key-form'
import { splitKeyServerError } from '../form/server-errors'
import type { KeyDialogContext } from '../hooks/use-dialog-context'
import { useKeyAccess } from '../hooks/use-key-access'
import { useKeyForm } from '../hooks/use-key-form'
import { KeyModal } from './KeyModal'

/** The note under Name, from what the dialect says about names. */
export function nameRules(unique: boolean, renamable: boolean): string | undefined {
  const rules = [unique ? 'Must be unique.' : null, renamable ? null : "Can't be changed later."].filter(Boolean)
  return rules.length > 0 ? rules.join(' ') : undefined
}

const RETRY_NOTE = 'Save again to finish: Keywarden asks for the same key, so no second key is made.'

/** "Add API key": name, expiry, notes and the permission grid, as far as the dialect has them. */
export function AddKeyDialog({ context }: { context: KeyDialogContext }) {
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
    () => ({
      name: '',
      expiryDate: capabilities.hasExpiry && capabilities.expiryRequired ? defaultExpiryDate(now) : '',
      notes: '',
      permissions: {},
    }),
    (current) => checkDraft(current, capabilities, now),
  )
  // The core chooses the idempotency key and journals the create: a Save retried after a timeout
  // is the same unfinished operation, so the server returns the key it already made (value included).
  const nameRef = useRef<HTMLInputElement>(null)
  const mounted = useMounted()

  useEffect(() => {
    nameRef.current?.focus()
  }, [])

  const access = accessState.status === 'ready' ? accessState.access : null
  const canSave = access !== null && access.canCreate && checked.draft !== null && !saving

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!canSave || checked.draft === null) return
    startSaving()
    // On success the one-time secret dialog replaces this one (see createKey).
    const result = await createKey(checked.draft, capabilities.canReveal)
    if (result.ok) return
    if (!mounted.current) return
    setSaving(false)
    if (result.error.code === 'CANCELLED') return
    const split = splitKeyServerError(result.error)
    const lines =
      result.error.code === 'TIMEOUT' || result.error.code === 'NETWORK' ? [...split.alert, RETRY_NOTE] : split.alert
    showSaveErrors(split.fields, lines)
  }

  // While a create is in flight, closing would not stop it and its value would have nowhere to go.
  const dismiss = () => {
    if (!saving) close()
  }

  return (
    <KeyModal labelledBy={titleId} className="key-dialog" onCancel={dismiss} onClosed={close}>
      <form ref={formRef} className="modal__body key-form" noValidate onSubmit={(event) => void save(event)}>
        <KeyFormHeader titleId={titleId} title="Add API key" account={account} alertLines={alertLines} />

        <KeyNameField
          ref={nameRef}
          required
          hint={nameRules(capabilities.nameUnique, capabilities.canRename)}
          error={errorOf('name')}
          value={values.name}
          onChange={(name) => change('name', name, false)}
          onBlur={() => touch('name')}
        />

        {capabilities.hasExpiry ? (
          <ExpiryField
            value={values.expiryDate}
            onChange={(date) => change('expiryDate', date)}
            required={capabilities.expiryRequired}
            now={now}
            hint={capabilities.expiryEditable ? undefined : "Can't be changed later."}
            error={errorOf('expiresAt')}
          />
        ) : null}

        {capabilities.hasNotes ? (
          <KeyNotesField value={values.notes} onChange={(notes) => change('notes', notes)} error={errorOf('notes')} />
        ) : null}

        <KeyAccessNotice
          state={accessState}
          onRetry={reloadAccess}
          needs="canCreate"
          loadingText="Loading what you may grant…"
          deniedText="You may not create API keys here."
        />
        {access ? (
          <PermissionGrid
            caption={capabilities.permissionsLabel || 'Permissions'}
            resources={access.resources}
            limits={access.grantLimits}
            value={values.permissions}
            onChange={(grid) => change('permissions', grid)}
            hint="Change includes View. View alone is read-only."
            error={errorOf('permissions')}
          />
        ) : null}

        <div className="modal__actions">
          <Button onClick={dismiss} disabled={saving}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={!canSave}>
            Save
          </Button>
        </div>
      </form>
    </KeyModal>
  )
}
