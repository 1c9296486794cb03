import type { ReactNode } from 'react'

/** The ids a field's hint and error get, from the field's own id. */
export const hintIdOf = (id: string) => `${id}-hint`
export const errorIdOf = (id: string) => `${id}-error`

/** What a control's aria-describedby names: the hint and the error, those that are shown. */
export function describedByOf(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  return [hint ? hintIdOf(id) : null, error ? errorIdOf(id) : null].filter(Boolean).join(' ') || undefined
}

/** The hint and the error under a control, with the ids its aria-describedby points at. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={hintIdOf(id)} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorIdOf(id)} className="field__error">
          {error}
        </p>
      ) : null}
    </>
  )
}
