import type { ReactNode, Ref, TextareaHTMLAttributes } from 'react'
import { Field } from './Field'

type OwnTextAreaProps = 'id' | 'className' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby'

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, OwnTextAreaProps> {
  label: string
  value: string
  onChange: (value: string) => void
  hint?: ReactNode
  error?: string
  ref?: Ref<HTMLTextAreaElement>
}

/** A labelled multi-line input with its hint and error wired to it. */
export function TextAreaField({ label, hint, error, value, onChange, ...textarea }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <textarea
          {...control}
          {...textarea}
          className="input textarea"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  )
}
