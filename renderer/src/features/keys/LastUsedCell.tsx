import { formatDistanceToNowStrict } from 'date-fns'

const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** "3 days ago", with the full date and time in the tooltip; "Never" for a key not used yet. */
export function LastUsedCell({ iso, at }: { iso: string | null; at: number | null }) {
  if (iso === null || at === null) return <td className="key-table__date key-table__none">Never</td>
  return (
    <td className="key-table__date">
      <time dateTime={iso} title={fullDate.format(at)}>
        {formatDistanceToNowStrict(at, { addSuffix: true })}
      </time>
    </td>
  )
}
