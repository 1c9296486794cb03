import type { AppErrorData } from '../../../../../shared/domain/errors'

/** The form fields of the key dialogs that a server error can name. */
export type KeyFormField = 'name' | 'permissions' | 'expiresAt' | 'notes'
export type KeyFormErrors = Partial<Record<KeyFormField, string>>

const formFields: readonly KeyFormField[] = ['name', 'permissions', 'expiresAt', 'notes']

function isFormField(field: string): field is KeyFormField {
  return (formFields as readonly string[]).includes(field)
}

/**
 * Splits a failed call's error into messages at the fields it names and lines for the alert. Paths
 * come as the model's (`permissions.cards`) or, from the contract's own check, under the call's
 * input (`draft.name`, `changes.notes`); both land on the field the user sees.
 */
export function splitServerError(error: AppErrorData): { fields: KeyFormErrors; alert: string[] } {
  const fields: KeyFormErrors = {}
  const alert: string[] = []
  for (const [path, message] of Object.entries(error.fields ?? {})) {
    const segments = path.split('.')
    const head = segments[0] === 'draft' || segments[0] === 'changes' ? segments[1] : segments[0]
    if (head !== undefined && isFormField(head)) fields[head] ??= message
    else alert.push(message)
  }
  const atFields = Object.values(fields)
  if (!atFields.includes(error.message) && !alert.includes(error.message)) {
    // A message that only repeats the fields' messages (as main's validation does) adds nothing.
    const repeatsFields = atFields.length > 0 && error.code === 'VALIDATION' && atFields.every((m) => error.message.includes(m))
    if (!repeatsFields) alert.unshift(error.message)
  }
  return { fields, alert }
}
