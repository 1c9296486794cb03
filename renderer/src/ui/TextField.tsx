import type { InputHTMLAttributes, ReactNode, Ref } from 'react'
import { Field } from './Field'

type OwnInputProps = 'id' | 'className' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby'

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, OwnInputProps> {
  label: string
  value: string
  /** Left out for a read-only field. */
  onChange?: (value: string) => void
  hint?: ReactNode
  error?: string
  /** Classes for the input besides "input", such as "input--mono". */
  inputClassName?: string
  ref?: Ref<HTMLInputElement>
}

/** A labelled single-line input (text, url, password, number…) with its hint and error wired to it. */
export function TextField({
  label,
  hint,
  error,
  value,
  onChange,
  inputClassName,
  type = 'text',
  ...input
}: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          {...input}
          className={['input', inputClassName].filter(Boolean).join(' ')}
          type={type}
          value={value}
          onChange={onChange ? (event) => onChange(event.target.value) : undefined}
        />
      )}
    </Field>
  )
}
