import type { ReactNode } from 'react'
import { Field } from './Field'

export interface SelectFieldProps<T extends string> {
  label: string
  value: T
  options: ReadonlyArray<{ value: T; label: string }>
  onChange: (value: T) => void
  hint?: ReactNode
  error?: string
}

/** A labelled drop-down of fixed options with its hint and error wired to it. */
export function SelectField<T extends string>({ label, value, options, onChange, hint, error }: SelectFieldProps<T>) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <select {...control} className="select" value={value} onChange={(event) => onChange(event.target.value as T)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
