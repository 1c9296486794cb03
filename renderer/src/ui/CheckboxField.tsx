import { useId, type ReactNode } from 'react'

export interface CheckboxFieldProps {
  label: string
  /** The line under the label, read with the checkbox (aria-describedby). */
  hint: ReactNode
  checked: boolean
  disabled?: boolean
  onChange: (checked: boolean) => void
}

/** A labelled checkbox with a hint line wired to it. */
export function CheckboxField({ label, hint, checked, disabled, onChange }: CheckboxFieldProps) {
  const id = useId()
  return (
    <div className="checkbox-field">
      <input
        id={id}
        className="checkbox"
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field__hint checkbox-field__hint">
        {hint}
      </p>
    </div>
  )
}
