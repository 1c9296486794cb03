import { addDays, addYears, format } from 'date-fns'
import type { ApiKey } from '@shared/domain/api-key'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import {
  keyChangesSchema,
  keyDraftSchema,
  type KeyChangesInput,
  type KeyDraftInput,
} from '@shared/domain/key-lifecycle'
import { gridsEqual, type PermissionGrid } from '@shared/domain/permissions/grid'
import type { KeyFormErrors, KeyFormField } from './server-errors'

/** What the Add and Edit forms hold. `expiryDate` is an <input type=date> value (yyyy-MM-dd) or ''. */
export interface KeyFormValues {
  name: string
  expiryDate: string
  notes: string
  permissions: PermissionGrid
}

export const expiryPresets = [30, 90, 365] as const

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/

/** A calendar date in the user's own time zone, as an <input type=date> wants it. */
export function localDate(date: Date): string {
  return format(date, 'yyyy-MM-dd')
}

export function dateInDays(days: number, now: Date): string {
  return localDate(addDays(now, days))
}

export function defaultExpiryDate(now: Date): string {
  return localDate(addYears(now, 1))
}

/**
 * A key expires at the end of its date on the user's own calendar, so the date picked is the date
 * the table shows (it formats in local time too) and the key works through all of that day.
 */
export function expiresAtOf(date: string): string | null {
  if (!DATE_PATTERN.test(date)) return null
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const end = new Date(year, month - 1, day, 23, 59, 59, 999)
  // new Date rolls 2026-02-30 over into March: a date that does not exist is not valid.
  if (Number.isNaN(end.getTime()) || end.getDate() !== day || end.getMonth() !== month - 1) return null
  return end.toISOString()
}

/** The local calendar date of a stored expiry, as `expiresAtOf` reads it. */
export function dateOfExpiresAt(expiresAt: string | null): string {
  if (expiresAt === null) return ''
  const time = Date.parse(expiresAt)
  return Number.isNaN(time) ? '' : localDate(new Date(time))
}

export function checkExpiryDate(date: string, required: boolean, now: Date): string | undefined {
  if (date === '') return required ? 'Choose an expiry date.' : undefined
  const expiresAt = expiresAtOf(date)
  if (expiresAt === null) return 'Enter a valid date.'
  if (Date.parse(expiresAt) <= now.getTime()) return 'Choose a date in the future.'
  return undefined
}

function notesOf(notes: string): string | null {
  return notes.trim() === '' ? null : notes
}

function firstIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): KeyFormErrors {
  const errors: KeyFormErrors = {}
  for (const issue of issues) {
    const field = issue.path[0]
    if (field === 'name' || field === 'notes' || field === 'permissions' || field === 'expiresAt')
      errors[field] ??= issue.message
  }
  return errors
}

const NO_PERMISSION = 'Tick at least one permission.'

export interface CheckedDraft {
  errors: KeyFormErrors
  /** Null while the form has errors. */
  draft: KeyDraftInput | null
}

/** The Add form, checked with the contract's own schema plus the rules the schema cannot know. */
export function checkDraft(values: KeyFormValues, capabilities: DialectCapabilities, now: Date): CheckedDraft {
  const draft: KeyDraftInput = {
    name: values.name,
    permissions: { ...values.permissions },
    expiresAt: capabilities.hasExpiry ? expiresAtOf(values.expiryDate) : null,
    notes: capabilities.hasNotes ? notesOf(values.notes) : null,
  }
  const parsed = keyDraftSchema.safeParse(draft)
  const errors: KeyFormErrors = parsed.success ? {} : firstIssues(parsed.error.issues)
  if (Object.keys(values.permissions).length === 0) errors.permissions ??= NO_PERMISSION
  if (capabilities.hasExpiry) {
    const expiryError = checkExpiryDate(values.expiryDate, capabilities.expiryRequired, now)
    if (expiryError) errors.expiresAt = expiryError
  }
  return { errors, draft: parsed.success && Object.keys(errors).length === 0 ? parsed.data : null }
}

export function initialEditValues(key: ApiKey): KeyFormValues {
  return {
    name: key.name,
    expiryDate: dateOfExpiresAt(key.expiresAt),
    notes: key.notes ?? '',
    permissions: key.permissions,
  }
}

export interface CheckedChanges {
  errors: KeyFormErrors
  /** Only what the user changed and the dialect lets them change; null while the form has errors. */
  changes: KeyChangesInput | null
}

/** The Edit form: only changed, editable fields are checked and sent. */
export function checkChanges(
  key: ApiKey,
  values: KeyFormValues,
  capabilities: DialectCapabilities,
  now: Date,
): CheckedChanges {
  const initial = initialEditValues(key)
  const changes: KeyChangesInput = {}
  if (capabilities.canRename && values.name.trim() !== key.name) changes.name = values.name
  if (capabilities.hasExpiry && capabilities.expiryEditable && values.expiryDate !== initial.expiryDate)
    changes.expiresAt = expiresAtOf(values.expiryDate)
  if (capabilities.hasNotes && notesOf(values.notes) !== key.notes) changes.notes = notesOf(values.notes)
  if (capabilities.permissionsEditable && !gridsEqual(values.permissions, key.permissions))
    changes.permissions = { ...values.permissions }

  const parsed = keyChangesSchema.safeParse(changes)
  const errors: KeyFormErrors = parsed.success ? {} : firstIssues(parsed.error.issues)
  if (changes.permissions !== undefined && Object.keys(values.permissions).length === 0)
    errors.permissions ??= NO_PERMISSION
  if (changes.expiresAt !== undefined) {
    const expiryError = checkExpiryDate(values.expiryDate, capabilities.expiryRequired, now)
    if (expiryError) errors.expiresAt = expiryError
  }
  return { errors, changes: parsed.success && Object.keys(errors).length === 0 ? parsed.data : null }
}

/** The error field a form value feeds: the date picker's value is checked as `expiresAt`. */
export function keyFormFieldsOf(key: keyof KeyFormValues): readonly KeyFormField[] {
  return [key === 'expiryDate' ? 'expiresAt' : key]
}
