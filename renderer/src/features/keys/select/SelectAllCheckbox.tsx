import { useEffect, useRef } from 'react'

export interface SelectAllCheckboxProps {
  shown: number
  shownSelected: number
  onToggle: () => void
}

const number = new Intl.NumberFormat()

/** The header's box: ticks every row the filter shows; mixed while only some are ticked. */
export function SelectAllCheckbox({ shown, shownSelected, onToggle }: SelectAllCheckboxProps) {
  const ref = useRef<HTMLInputElement>(null)
  const all = shown > 0 && shownSelected === shown
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = shownSelected > 0 && !all
  }, [shownSelected, all])
  return (
    <input
      ref={ref}
      type="checkbox"
      className="checkbox"
      aria-label={`Select all ${number.format(shown)} shown by the filter`}
      checked={all}
      onChange={onToggle}
    />
  )
}
