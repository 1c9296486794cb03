import { useEffect, useRef, useState } from 'react'
import { focusFirstInvalid } from './focus-invalid'
import type { KeyFormValues } from './key-form'
import type { KeyFormErrors, KeyFormField } from './server-errors'

/**
 * The state the Add and Edit key dialogs share: the values, which fields the user has been in, the
 * server's messages and alert lines, and Save in flight. A client message shows once its field is
 * touched; a server message shows until the field changes. After a failed Save the first field with
 * a message gets focus.
 */
export function useKeyForm<Checked extends { errors: KeyFormErrors }>(initial: () => KeyFormValues, check: (values: KeyFormValues) => Checked) {
  const [values, setValues] = useState<KeyFormValues>(initial)
  const [touched, setTouched] = useState<ReadonlySet<KeyFormField>>(new Set())
  const [serverErrors, setServerErrors] = useState<KeyFormErrors>({})
  const [alertLines, setAlertLines] = useState<string[]>([])
  const [saving, setSaving] = useState(false)
  const [focusInvalid, setFocusInvalid] = useState(0)
  const formRef = useRef<HTMLFormElement>(null)

  useEffect(() => {
    if (focusInvalid > 0) focusFirstInvalid(formRef.current)
  }, [focusInvalid])

  const checked = check(values)

  const errorOf = (field: KeyFormField): string | undefined => serverErrors[field] ?? (touched.has(field) ? checked.errors[field] : undefined)

  function touch(field: KeyFormField) {
    if (!touched.has(field)) setTouched(new Set([...touched, field]))
  }

  function change<F extends keyof KeyFormValues>(field: F, value: KeyFormValues[F], touchNow = true) {
    setValues((current) => ({ ...current, [field]: value }))
    const formField: KeyFormField = field === 'expiryDate' ? 'expiresAt' : field
    setServerErrors((errors) => ({ ...errors, [formField]: undefined }))
    if (touchNow) touch(formField)
  }

  /** Save starts: earlier server messages go. */
  function startSaving() {
    setSaving(true)
    setServerErrors({})
    setAlertLines([])
  }

  /** Save failed: the messages land on their fields and in the alert, and focus moves to the first. */
  function showSaveErrors(fields: KeyFormErrors, lines: string[]) {
    setServerErrors(fields)
    setAlertLines(lines)
    setFocusInvalid((n) => n + 1)
  }

  return { values, checked, formRef, alertLines, saving, setSaving, errorOf, touch, change, startSaving, showSaveErrors }
}
