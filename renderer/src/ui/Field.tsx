import { useId, type ReactNode } from 'react'
import { describedByOf, FieldMessages } from './FieldMessages'

/** What a field gives its control so the label, hint and error are tied to it. */
export interface FieldControlProps {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

export interface FieldProps {
  label: string
  hint?: ReactNode
  error?: string
  className?: string
  children: (control: FieldControlProps) => ReactNode
}

/** A labelled form control with an optional hint and an error message read out with it. */
export function Field({ label, hint, error, className, children }: FieldProps) {
  const id = useId()
  return (
    <div className={['field', error ? 'field--invalid' : null, className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedByOf(id, hint, error) })}
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  )
}
