import { useForm } from '@renderer/hooks/use-form'
import { keyFormFieldsOf, type KeyFormValues } from '../form/key-form'
import type { KeyFormErrors } from '../form/server-errors'

/** The Add and Edit key forms on the renderer's one form hook. */
export function useKeyForm<Checked extends { errors: KeyFormErrors }>(
  initial: () => KeyFormValues,
  check: (values: KeyFormValues) => Checked,
) {
  return useForm({ initial, check, fieldsOf: keyFormFieldsOf })
}
