/** The order with `column` one place further (by `step`, -1 or 1); null when it is already at that end. */
export function moveColumn<T extends string>(order: readonly T[], column: T, step: -1 | 1): T[] | null {
  const from = order.indexOf(column)
  const to = from + step
  if (from < 0 || to < 0 || to >= order.length) return null
  const next = [...order]
  next[from] = next[to]!
  next[to] = column
  return next
}
