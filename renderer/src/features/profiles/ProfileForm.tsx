import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { ProfileSummary } from '../../../../shared/domain/profile'
import { useProfilesStore } from '../../stores/profiles-store'
import { Alert } from '../../ui/Alert'
import { Button } from '../../ui/Button'
import { Field } from '../../ui/Field'
import { StatusMessage } from '../../ui/StatusMessage'
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

      {messages.length > 0 ? (
        <Alert>
          {messages.map((message) => (
            <span key={message} className="alert__line">
              {message}
            </span>
          ))}
        </Alert>
      ) : null}

      <Field label="Name" error={errorOf('name')}>
        {(control) => (
          <input
            {...control}
            ref={nameRef}
            className="input"
            type="text"
            autoComplete="off"
            value={values.name}
            onChange={(e) => change('name', e.target.value)}
          />
        )}
      </Field>

      <div className="profile-form__row">
        <Field label="Dialect" error={errorOf('dialect')}>
          {(control) => (
            <select {...control} className="select" value={values.dialect} onChange={(e) => change('dialect', e.target.value as ProfileFormValues['dialect'])}>
              {dialectOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Sign-in method" error={errorOf('auth.kind')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={values.signInMethod}
              onChange={(e) => change('signInMethod', e.target.value as ProfileFormValues['signInMethod'])}
            >
              {methods.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <Field label="API base URL" hint="For example https://api.example.com" error={errorOf('apiBaseUrl')}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="url"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            value={values.apiBaseUrl}
            onChange={(e) => change('apiBaseUrl', e.target.value)}
          />
        )}
      </Field>

      {values.signInMethod === 'oauth' ? (
        <>
          <Field label="Issuer URL" error={errorOf('auth.issuer')}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="url"
                inputMode="url"
                spellCheck={false}
                autoComplete="off"
                value={values.issuer}
                onChange={(e) => change('issuer', e.target.value)}
              />
            )}
          </Field>
          <Field label="Client ID" error={errorOf('auth.clientId')}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="text"
                spellCheck={false}
                autoComplete="off"
                value={values.clientId}
                onChange={(e) => change('clientId', e.target.value)}
              />
            )}
          </Field>
        </>
      ) : (
        <>
          <Field label="API key" error={errorOf('auth.apiKeyId')}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="text"
                spellCheck={false}
                autoComplete="off"
                value={values.apiKeyId}
                onChange={(e) => change('apiKeyId', e.target.value)}
              />
            )}
          </Field>
          <Field
            label="API secret"
            hint={hasStoredSecret ? 'Leave empty to keep the stored secret.' : 'Kept in the system keychain, never shown again.'}
            error={errorOf('apiSecret')}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="password"
                autoComplete="new-password"
                value={values.apiSecret}
                onChange={(e) => change('apiSecret', e.target.value)}
              />
            )}
          </Field>
        </>
      )}

      <Field label="Default account" hint="Optional. The wallet or account to open first, by its id." error={errorOf('defaultAccountId')}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={values.defaultAccountId}
            onChange={(e) => change('defaultAccountId', e.target.value)}
          />
        )}
      </Field>

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
