import { Button } from '@renderer/ui/Button'
import { Field } from '@renderer/ui/Field'
import { dateInDays, expiryPresets, localDate } from '../form/key-form'

export interface ExpiryFieldProps {
  value: string
  onChange: (date: string) => void
  required: boolean
  now: Date
  hint?: string
  error?: string
}

/** The expiry date: a date picker and presets counted from today. */
export function ExpiryField({ value, onChange, required, now, hint, error }: ExpiryFieldProps) {
  return (
    <Field label="Expiry date" hint={hint} error={error}>
      {(control) => (
        <div className="expiry-field">
          <input
            {...control}
            className="input expiry-field__date"
            type="date"
            required={required}
            min={localDate(now)}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
          <div className="expiry-field__presets" role="group" aria-label="Expiry presets">
            {expiryPresets.map((days) => (
              <Button
                key={days}
                variant="quiet"
                className="expiry-field__preset"
                onClick={() => onChange(dateInDays(days, now))}
              >
                {days} days
              </Button>
            ))}
          </div>
        </div>
      )}
    </Field>
  )
}
