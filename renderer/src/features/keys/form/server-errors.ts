import type { AppErrorData } from '@shared/domain/errors'
import { splitServerError, type SplitServerError } from '@renderer/lib/server-errors'

/** The form fields of the key dialogs that a server error can name. */
export type KeyFormField = 'name' | 'permissions' | 'expiresAt' | 'notes'
export type KeyFormErrors = Partial<Record<KeyFormField, string>>

const formFields: readonly KeyFormField[] = ['name', 'permissions', 'expiresAt', 'notes']

function isFormField(field: string): field is KeyFormField {
  return (formFields as readonly string[]).includes(field)
}

/**
 * The key form field an error path lands on. Paths come as the model's (`permissions.cards`) or,
 * from the contract's own check, under the call's input (`draft.name`, `changes.notes`).
 */
export function keyFormFieldOf(path: string): KeyFormField | undefined {
  const segments = path.split('.')
  const head = segments[0] === 'draft' || segments[0] === 'changes' ? segments[1] : segments[0]
  return head !== undefined && isFormField(head) ? head : undefined
}

/** A failed Add or Edit: messages at the key form's fields, the rest for the alert. */
export function splitKeyServerError(error: AppErrorData): SplitServerError<KeyFormField> {
  return splitServerError(error, keyFormFieldOf)
}
