import type { Ref } from 'react'
import { TextAreaField } from '@renderer/ui/TextAreaField'
import { TextField } from '@renderer/ui/TextField'

export interface KeyNameFieldProps {
  value: string
  onChange: (name: string) => void
  onBlur: () => void
  hint?: string
  error?: string
  required?: boolean
  readOnly?: boolean
  ref?: Ref<HTMLInputElement>
}

/** A key's Name, as the Add and Edit dialogs show it. */
export function KeyNameField(props: KeyNameFieldProps) {
  return <TextField label="Name" autoComplete="off" spellCheck={false} maxLength={100} {...props} />
}

export interface KeyNotesFieldProps {
  value: string
  onChange: (notes: string) => void
  error?: string
}

/** A key's optional Notes, as the Add and Edit dialogs show them. */
export function KeyNotesField(props: KeyNotesFieldProps) {
  return <TextAreaField label="Notes" hint="Optional." rows={3} maxLength={1000} {...props} />
}
