/** After a failed save, the first control with a message gets focus (in a grid, its first open box). */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  if (!form) return
  const target =
    form.querySelector<HTMLElement>('[aria-invalid="true"], .permission-grid--invalid input:not(:disabled)') ??
    form.querySelector<HTMLElement>('[role="alert"]')
  target?.focus()
}
