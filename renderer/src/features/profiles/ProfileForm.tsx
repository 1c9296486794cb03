import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { ProfileSummary } from '../../../../shared/domain/profile'
import { useProfilesStore } from '../../stores/profiles-store'
import { AlertLines } from '../../ui/AlertLines'
import { Button } from '../../ui/Button'
import { SelectField } from '../../ui/SelectField'
import { StatusMessage } from '../../ui/StatusMessage'
import { TextField } from '../../ui/TextField'
import { useProfileDialogStore } from './profile-dialog-store'
import {
  dialectOptions,
  initialValues,
  pathsOf,
  signInMethodsOf,
  splitServerFields,
  toProfileInput,
  validateProfileForm,
  type FieldErrors,
  type FieldPath,
  type ProfileFormValues,
} from './profile-form-values'

type TextFieldName = 'name' | 'apiBaseUrl' | 'issuer' | 'clientId' | 'apiKeyId' | 'apiSecret' | 'defaultAccountId'

/** Ids and addresses typed by hand: no spelling marks, no autofill. */
const PLAIN_INPUT = { spellCheck: false, autoComplete: 'off' } as const
const URL_INPUT = { type: 'url', inputMode: 'url', ...PLAIN_INPUT } as const

function without(errors: FieldErrors, paths: readonly FieldPath[]): FieldErrors {
  const next = { ...errors }
  for (const path of paths) delete next[path]
  return next
}

/**
 * "Add profile" / "Edit profile". Checked on the client with the shared schema first; main then
 * checks what only it can (the issuer's discovery, the pulse login) and its errors land on the same
 * fields, or in an alert when they name no field.
 */
export function ProfileForm({ titleId, profile }: { titleId: string; profile: ProfileSummary | null }) {
  const saveProfile = useProfilesStore((s) => s.saveProfile)
  const back = useProfileDialogStore((s) => s.back)

  const [values, setValues] = useState<ProfileFormValues>(() => initialValues(profile))
  const [clientErrors, setClientErrors] = useState<FieldErrors>({})
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  const [messages, setMessages] = useState<string[]>([])
  const [submitted, setSubmitted] = useState(false)
  const [saving, setSaving] = useState(false)
  const [focusInvalid, setFocusInvalid] = useState(0)

  const formRef = useRef<HTMLFormElement>(null)
  const nameRef = useRef<HTMLInputElement>(null)
  const mounted = useRef(true)

  useEffect(() => {
    mounted.current = true
    nameRef.current?.focus()
    return () => {
      mounted.current = false
    }
  }, [])

  // After a failed check, the first field with a message gets focus.
  useEffect(() => {
    if (focusInvalid === 0) return
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [focusInvalid])

  const errorOf = (path: FieldPath): string | undefined => clientErrors[path] ?? serverErrors[path]
  /** The value, change handler and error of one of the form's text fields. */
  const bind = (field: TextFieldName, path: FieldPath) => ({ value: values[field], onChange: (value: string) => change(field, value), error: errorOf(path) })

  function change<F extends keyof ProfileFormValues>(field: F, value: ProfileFormValues[F]) {
    const next: ProfileFormValues = { ...values, [field]: value }
    // Only pulse offers the API-key login.
    if (field === 'dialect' && value !== 'pulse') next.signInMethod = 'oauth'
    setValues(next)
    setServerErrors((errors) => without(errors, pathsOf(field)))
    setMessages([])
    // Before the first Save, messages do not appear while typing; after it, they follow the input.
    if (submitted) setClientErrors(validateProfileForm(next, profile).errors)
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (saving) return
    setSubmitted(true)
    const checked = validateProfileForm(values, profile)
    setClientErrors(checked.errors)
    setServerErrors({})
    setMessages(checked.other)
    if (Object.keys(checked.errors).length > 0 || checked.other.length > 0) {
      setFocusInvalid((n) => n + 1)
      return
    }

    setSaving(true)
    const result = await saveProfile(toProfileInput(values, profile))
    if (!mounted.current) return // cancelled while main was checking
    setSaving(false)
    if (result.ok) {
      back()
      return
    }
    const server = splitServerFields(result.error.fields)
    const atFields = Object.values(server.errors)
    const alertLines = [...server.other]
    if (!atFields.includes(result.error.message) && !alertLines.includes(result.error.message)) alertLines.unshift(result.error.message)
    setServerErrors(server.errors)
    setMessages(alertLines)
    if (atFields.length > 0) setFocusInvalid((n) => n + 1)
  }

  const methods = signInMethodsOf(values.dialect)
  const hasStoredSecret = profile?.auth.kind === 'api-key'

  return (
    <form ref={formRef} className="modal__body profile-form" noValidate onSubmit={(event) => void submit(event)}>
      <h2 id={titleId} className="modal__title">
        {profile ? 'Edit profile' : 'Add profile'}
      </h2>

      <AlertLines lines={messages} />

      <TextField ref={nameRef} label="Name" autoComplete="off" {...bind('name', 'name')} />

      <div className="profile-form__row">
        <SelectField label="Dialect" options={dialectOptions} value={values.dialect} onChange={(dialect) => change('dialect', dialect)} error={errorOf('dialect')} />
        <SelectField
          label="Sign-in method"
          options={methods}
          value={values.signInMethod}
          onChange={(method) => change('signInMethod', method)}
          error={errorOf('auth.kind')}
        />
      </div>

      <TextField label="API base URL" hint="For example https://api.example.com" {...URL_INPUT} {...bind('apiBaseUrl', 'apiBaseUrl')} />

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
            hint={hasStoredSecret ? 'Leave empty to keep the stored secret.' : 'Kept in the system keychain, never shown again.'}
            type="password"
            autoComplete="new-password"
            {...bind('apiSecret', 'apiSecret')}
          />
        </>
      )}

      <TextField label="Default account" hint="Optional. The wallet or account to open first, by its id." {...PLAIN_INPUT} {...bind('defaultAccountId', 'defaultAccountId')} />

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
