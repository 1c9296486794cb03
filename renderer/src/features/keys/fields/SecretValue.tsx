import { Button } from '@renderer/ui/Button'
import { Field } from '@renderer/ui/Field'

export interface SecretValueProps {
  /** "API key" or "API secret"; the copy button says "Copy <label>". */
  label: string
  value: string
  onCopy: () => void
  copying?: boolean
}

/** A secret in a read-only monospace field, selected on focus, with its own copy button. */
export function SecretValue({ label, value, onCopy, copying = false }: SecretValueProps) {
  return (
    <Field label={label}>
      {(control) => (
        <div className="secret-value">
          <input
            {...control}
            className="input input--mono secret-value__input"
            type="text"
            readOnly
            value={value}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="off"
            spellCheck={false}
            data-secret=""
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button onClick={onCopy} disabled={copying}>
            Copy {label}
          </Button>
        </div>
      )}
    </Field>
  )
}
