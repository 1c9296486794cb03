import { formatDate, NO_DATE } from './format-date'

export function DateCell({ iso }: { iso: string | null }) {
  const text = formatDate(iso)
  if (iso === null || text === NO_DATE) return <td className="key-table__date">{NO_DATE}</td>
  return (
    <td className="key-table__date">
      <time dateTime={iso}>{text}</time>
    </td>
  )
}
