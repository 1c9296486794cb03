// Date only, in the user's locale (en-GB gives "16 May 2024", en-US "May 16, 2024").
const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' })

export const NO_DATE = '—'

/** An ISO 8601 timestamp as a date, or "—" for none or an unreadable value. */
export function formatDate(iso: string | null): string {
  if (iso === null) return NO_DATE
  const time = Date.parse(iso)
  return Number.isNaN(time) ? NO_DATE : dateFormat.format(time)
}
