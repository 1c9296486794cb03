import { useEffect, useRef, useState } from 'react'
import { focusFirstInvalid } from '../lib/focus-invalid'

export type FieldErrors<Field extends string> = Partial<Record<Field, string>>

export interface FormOptions<Values, Field extends string, Checked extends { errors: FieldErrors<Field> }> {
  initial: () => Values
  /** The client-side check, run on every render; its messages show once their field is touched. */
  check: (values: Values) => Checked
  /** The error fields a value feeds: a change to it clears their server messages (and touches them). */
  fieldsOf: (key: keyof Values) => readonly Field[]
}

/**
 * The one form approach of the renderer (key forms and the profile form): the values, which fields
 * the user has been in, the server's messages and alert lines, and Save in flight. A client message
 * shows once its field is touched (or after a Save touched them all); a server message shows until
 * its field changes. After a failed Save the first field with a message gets focus.
 */
export function useForm<Values extends object, Field extends string, Checked extends { errors: FieldErrors<Field> }>(
  options: FormOptions<Values, Field, Checked>,
) {
  const { initial, check, fieldsOf } = options
  const [values, setValues] = useState<Values>(initial)
  const [touched, setTouched] = useState<ReadonlySet<Field>>(new Set())
  const [allTouched, setAllTouched] = useState(false)
  const [serverErrors, setServerErrors] = useState<FieldErrors<Field>>({})
  const [alertLines, setAlertLines] = useState<string[]>([])
  const [saving, setSaving] = useState(false)
  const [focusInvalid, setFocusInvalid] = useState(0)
  const formRef = useRef<HTMLFormElement>(null)

  useEffect(() => {
    if (focusInvalid > 0) focusFirstInvalid(formRef.current)
  }, [focusInvalid])

  const checked = check(values)

  const errorOf = (field: Field): string | undefined =>
    serverErrors[field] ?? (allTouched || touched.has(field) ? checked.errors[field] : undefined)

  function touch(...fields: Field[]) {
    setTouched((current) => (fields.every((f) => current.has(f)) ? current : new Set([...current, ...fields])))
  }

  /** Sets one value; `touchNow` false leaves its messages hidden until blur (or Save). */
  function change<K extends keyof Values>(key: K, value: Values[K], touchNow = true) {
    setValues((current) => ({ ...current, [key]: value }))
    const fields = fieldsOf(key)
    setServerErrors((errors) => {
      const next = { ...errors }
      for (const field of fields) delete next[field]
      return next
    })
    if (touchNow) touch(...fields)
  }

  /** From now on every client message shows, and follows the input (a form checked only on Save). */
  function touchAll() {
    setAllTouched(true)
  }

  /** Save was pressed with client errors: they show at their fields, the alert says the rest. */
  function showCheckErrors(lines: string[]) {
    setAllTouched(true)
    setServerErrors({})
    setAlertLines(lines)
    setFocusInvalid((n) => n + 1)
  }

  /** Save starts: earlier server messages and alert lines go. */
  function startSaving() {
    setSaving(true)
    setServerErrors({})
    setAlertLines([])
  }

  /** Save failed: the messages land on their fields and in the alert, and focus moves to the first. */
  function showSaveErrors(fields: FieldErrors<Field>, lines: string[]) {
    setServerErrors(fields)
    setAlertLines(lines)
    setFocusInvalid((n) => n + 1)
  }

  return {
    values,
    checked,
    formRef,
    alertLines,
    setAlertLines,
    saving,
    setSaving,
    errorOf,
    touch,
    touchAll,
    change,
    showCheckErrors,
    startSaving,
    showSaveErrors,
  }
}
