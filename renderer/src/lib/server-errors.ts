import type { AppErrorData } from '@shared/domain/errors'

/** A failed call's messages, split for a form: at the fields it names, and lines for the alert. */
export interface SplitServerError<Field extends string> {
  fields: Partial<Record<Field, string>>
  alert: string[]
}

/**
 * Splits a failed call's error for a form. `fieldOf` names the form field an error path belongs to
 * (undefined for a path the form has no field for: its message goes to the alert). The error's own
 * message leads the alert unless a field or line already says it, or it only repeats the fields'
 * messages (as main's validation does).
 */
export function splitServerError<Field extends string>(
  error: AppErrorData,
  fieldOf: (path: string) => Field | undefined,
): SplitServerError<Field> {
  const fields: Partial<Record<Field, string>> = {}
  const alert: string[] = []
  for (const [path, message] of Object.entries(error.fields ?? {})) {
    const field = fieldOf(path)
    if (field !== undefined) fields[field] ??= message
    else alert.push(message)
  }
  const atFields = Object.values(fields) as string[]
  if (!atFields.includes(error.message) && !alert.includes(error.message)) {
    const repeatsFields =
      atFields.length > 0 && error.code === 'VALIDATION' && atFields.every((m) => error.message.includes(m))
    if (!repeatsFields) alert.unshift(error.message)
  }
  return { fields, alert }
}
