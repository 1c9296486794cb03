import { formatDate, NO_DATE } from './format-date'

/** A date, or `empty` ("—" unless told, e.g. "Never" for a key not used yet). */
export function DateCell({ iso, empty = NO_DATE }: { iso: string | null; empty?: string }) {
  const text = formatDate(iso)
  if (iso === null || text === NO_DATE) return <td className="key-table__date">{iso === null ? empty : NO_DATE}</td>
  return (
    <td className="key-table__date">
      <time dateTime={iso}>{text}</time>
    </td>
  )
}
