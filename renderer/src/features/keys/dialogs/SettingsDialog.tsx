import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { appSettingsSchema } from '@shared/domain/key-lifecycle'
import { useMounted } from '@renderer/hooks/use-mounted'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { Field } from '@renderer/ui/Field'
import { StatusMessage } from '@renderer/ui/StatusMessage'
import { SecuritySettings, type SecurityChoices } from '../../sudo/SecuritySettings'
import { useSettings } from '../hooks/use-settings'
import { KeyModal } from './KeyModal'
import { UpdateSettings, type UpdateChoices } from './UpdateSettings'
import { ReminderSettings } from '../../overview/ReminderSettings'

const FIELD = 'clipboardClearSeconds'
const RANGE_MESSAGE = 'Enter a whole number of seconds from 5 to 600.'

/** "Settings": how long a copied secret stays on the clipboard, sudo mode and the lock, and updates. */
export function SettingsDialog() {
  const close = useKeyDialogs((s) => s.close)
  const titleId = useId()
  const { settings, loadError, reload, save: saveSettings } = useSettings()
  // What the user typed; until then the stored value.
  const [typed, setTyped] = useState<string | null>(null)
  const [fieldError, setFieldError] = useState<string | undefined>(undefined)
  const [alert, setAlert] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const mounted = useMounted()
  const seconds = typed ?? (settings ? String(settings.clipboardClearSeconds) : null)
  // The update choices the user made; until then the stored ones.
  const [chosenUpdates, setChosenUpdates] = useState<UpdateChoices | null>(null)
  const updates =
    chosenUpdates ?? (settings ? { autoUpdate: settings.autoUpdate, updateChannel: settings.updateChannel } : null)

  const [chosenSecurity, setChosenSecurity] = useState<SecurityChoices | null>(null)
  const security =
    chosenSecurity ??
    (settings ? { sudoWindowMinutes: settings.sudoWindowMinutes, lockIdleMinutes: settings.lockIdleMinutes } : null)

  const loaded = seconds !== null
  useEffect(() => {
    if (loaded) inputRef.current?.focus()
  }, [loaded])

  const parsed = appSettingsSchema.safeParse({
    [FIELD]: seconds === null || seconds.trim() === '' ? Number.NaN : Number(seconds),
  })

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (saving) return
    if (!parsed.success) {
      setFieldError(RANGE_MESSAGE)
      inputRef.current?.focus()
      return
    }
    setSaving(true)
    setAlert(null)
    const result = await saveSettings({ ...parsed.data, ...updates, ...security })
    if (!mounted.current) return
    setSaving(false)
    if (result.ok) {
      close()
      return
    }
    const atField = result.error.fields?.[FIELD]
    setFieldError(atField)
    if (!atField || atField !== result.error.message) setAlert(result.error.message)
  }

  return (
    <KeyModal labelledBy={titleId} className="modal--narrow" onCancel={close} onClosed={close}>
      <form className="modal__body" noValidate onSubmit={(event) => void save(event)}>
        <h2 id={titleId} className="modal__title">
          Settings
        </h2>
        {loadError ? <Alert action={<Button onClick={reload}>Retry</Button>}>{loadError.message}</Alert> : null}
        {!loaded && !loadError ? <StatusMessage>Loading settings…</StatusMessage> : null}
        {alert ? <Alert>{alert}</Alert> : null}
        {loaded ? (
          <Field
            label="Clear the clipboard after (seconds)"
            hint="A copied key is removed from the clipboard after this time, if it is still there."
            error={fieldError}
          >
            {(control) => (
              <input
                {...control}
                ref={inputRef}
                className="input settings__seconds"
                type="number"
                inputMode="numeric"
                min={5}
                max={600}
                step={1}
                value={seconds}
                onChange={(event) => {
                  setTyped(event.target.value)
                  setFieldError(undefined)
                }}
              />
            )}
          </Field>
        ) : null}
        {loaded && security ? <SecuritySettings value={security} onChange={setChosenSecurity} /> : null}
        {loaded && updates ? <UpdateSettings value={updates} onChange={setChosenUpdates} /> : null}
        {loaded ? <ReminderSettings /> : null}
        <div className="modal__actions">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={!loaded || saving}>
            Save
          </Button>
        </div>
      </form>
    </KeyModal>
  )
}
