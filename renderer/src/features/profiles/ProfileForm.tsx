import { useEffect, useRef, type FormEvent } from 'react'
import type { DialectInfo } from '@shared/domain/capabilities'
import type { ProfileSummary } from '@shared/domain/profile'
import { useForm } from '../../hooks/use-form'
import { useMounted } from '../../hooks/use-mounted'
import { splitServerError } from '../../lib/server-errors'
import { useDialectsStore } from '../../stores/dialects-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { Alert } from '../../ui/Alert'
import { AlertLines } from '../../ui/AlertLines'
import { Button } from '../../ui/Button'
import { SelectField } from '../../ui/SelectField'
import { StatusMessage } from '../../ui/StatusMessage'
import { TextField } from '../../ui/TextField'
import { useProfileDialogStore } from '../../stores/profile-dialog-store'
import {
  dialectOptionsOf,
  initialValues,
  methodAfterDialectChange,
  pathsOf,
  profileFieldOf,
  signInMethodOptions,
  signInMethodsOf,
  toProfileInput,
  validateProfileForm,
  type FieldPath,
  type ProfileFormValues,
} from './profile-form-values'

type TextFieldName = 'name' | 'apiBaseUrl' | 'issuer' | 'clientId' | 'apiKeyId' | 'apiSecret' | 'defaultAccountId'

/** Ids and addresses typed by hand: no spelling marks, no autofill. */
const PLAIN_INPUT = { spellCheck: false, autoComplete: 'off' } as const
const URL_INPUT = { type: 'url', inputMode: 'url', ...PLAIN_INPUT } as const

interface ProfileFormProps {
  titleId: string
  profile: ProfileSummary | null
}

/**
 * "Add profile" / "Edit profile". What it asks comes from the dialects main lists (listDialects):
 * the Dialect options, and for each dialect the sign-in methods its capabilities offer. The form
 * waits for that list.
 */
export function ProfileForm({ titleId, profile }: ProfileFormProps) {
  const dialects = useDialectsStore((s) => s.list)
  const error = useDialectsStore((s) => s.error)
  const loadDialects = useDialectsStore((s) => s.loadDialects)
  const back = useProfileDialogStore((s) => s.back)

  useEffect(() => {
    void loadDialects()
  }, [loadDialects])

  if (dialects !== null && dialects.length > 0)
    return <ProfileFormFields titleId={titleId} profile={profile} dialects={dialects} />
  return (
    <div className="modal__body profile-form">
      <h2 id={titleId} className="modal__title">
        {profile ? 'Edit profile' : 'Add profile'}
      </h2>
      {error ? (
        <Alert action={<Button onClick={() => void loadDialects()}>Retry</Button>}>{error.message}</Alert>
      ) : dialects !== null ? (
        <Alert>Keywarden knows no API dialects, so no profile can be added.</Alert>
      ) : (
        <StatusMessage>Loading the API dialects…</StatusMessage>
      )}
      <div className="modal__actions">
        <Button onClick={back}>Cancel</Button>
      </div>
    </div>
  )
}

/**
 * The form itself, on the renderer's one form hook. Checked on the client with the shared schema
 * first (messages show after the first Save, then follow the input); main then checks what only it
 * can (the issuer's discovery, the API-key login) and its errors land on the same fields, or in the
 * alert when they name no field.
 */
function ProfileFormFields({ titleId, profile, dialects }: ProfileFormProps & { dialects: readonly DialectInfo[] }) {
  const saveProfile = useProfilesStore((s) => s.saveProfile)
  const back = useProfileDialogStore((s) => s.back)
  const form = useForm({
    initial: () => initialValues(profile, dialects),
    check: (values: ProfileFormValues) => validateProfileForm(values, profile, dialects),
    fieldsOf: pathsOf,
  })
  const { values, checked, formRef, alertLines, saving, errorOf } = form
  const nameRef = useRef<HTMLInputElement>(null)
  const mounted = useMounted()

  useEffect(() => {
    nameRef.current?.focus()
  }, [])

  /** The value, change handler and error of one of the form's text fields. */
  const bind = (field: TextFieldName, path: FieldPath) => ({
    value: values[field],
    onChange: (value: string) => change(field, value),
    error: errorOf(path),
  })

  function change<F extends keyof ProfileFormValues>(field: F, value: ProfileFormValues[F]) {
    form.change(field, value, false)
    form.setAlertLines([])
  }

  function changeDialect(dialect: ProfileFormValues['dialect']) {
    change('dialect', dialect)
    // A method the new dialect does not offer gives way to one it does.
    const method = methodAfterDialectChange(signInMethodsOf(dialects, dialect), values.signInMethod)
    if (method !== values.signInMethod) change('signInMethod', method)
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (saving) return
    form.touchAll()
    if (Object.keys(checked.errors).length > 0 || checked.other.length > 0) {
      form.showCheckErrors(checked.other)
      return
    }
    form.startSaving()
    const result = await saveProfile(toProfileInput(values, profile))
    if (!mounted.current) return // cancelled while main was checking
    form.setSaving(false)
    if (result.ok) {
      back()
      return
    }
    const split = splitServerError(result.error, profileFieldOf)
    form.showSaveErrors(split.fields, split.alert)
  }

  const methods = signInMethodOptions(signInMethodsOf(dialects, values.dialect))
  const hasStoredSecret = profile?.auth.kind === 'api-key'

  return (
    <form ref={formRef} className="modal__body profile-form" noValidate onSubmit={(event) => void submit(event)}>
      <h2 id={titleId} className="modal__title">
        {profile ? 'Edit profile' : 'Add profile'}
      </h2>

      <AlertLines lines={alertLines} />

      <TextField ref={nameRef} label="Name" autoComplete="off" {...bind('name', 'name')} />

      <div className="profile-form__row">
        <SelectField
          label="Dialect"
          options={dialectOptionsOf(dialects)}
          value={values.dialect}
          onChange={changeDialect}
          error={errorOf('dialect')}
        />
        <SelectField
          label="Sign-in method"
          options={methods}
          value={values.signInMethod}
          onChange={(method) => change('signInMethod', method)}
          error={errorOf('auth.kind')}
        />
      </div>

      <TextField
        label="API base URL"
        hint="For example https://api.example.com"
        {...URL_INPUT}
        {...bind('apiBaseUrl', 'apiBaseUrl')}
      />

      {values.signInMethod === 'oauth' ? (
        <>
          <TextField label="Issuer URL" {...URL_INPUT} {...bind('issuer', 'auth.issuer')} />
          <TextField label="Client ID" {...PLAIN_INPUT} {...bind('clientId', 'auth.clientId')} />
        </>
      ) : (
        <>
          <TextField label="API key" {...PLAIN_INPUT} {...bind('apiKeyId', 'auth.apiKeyId')} />
          <TextField
            label="API secret"
            hint={
              hasStoredSecret
                ? 'Leave empty to keep the stored secret.'
                : 'Kept in the system keychain, never shown again.'
            }
            type="password"
            autoComplete="new-password"
            {...bind('apiSecret', 'apiSecret')}
          />
        </>
      )}

      <TextField
        label="Default account"
        hint="Optional. The wallet or account to open first, by its id."
        {...PLAIN_INPUT}
        {...bind('defaultAccountId', 'defaultAccountId')}
      />

      {saving ? <StatusMessage>Checking the profile…</StatusMessage> : null}

      <div className="modal__actions">
        <Button onClick={back}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={saving}>
          Save
        </Button>
      </div>
    </form>
  )
}
