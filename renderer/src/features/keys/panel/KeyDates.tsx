import { formatDistanceStrict } from 'date-fns'
import type { ApiKey } from '@shared/domain/api-key'

const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** A date and how far it is from now ("12 Mar 2026, 10:42 (in 3 months)"), or a word for none. */
function DateValue({ iso, none }: { iso: string | null; none: string }) {
  const at = iso === null ? NaN : Date.parse(iso)
  if (Number.isNaN(at)) return <dd>{none}</dd>
  return (
    <dd>
      <time dateTime={iso!}>{full.format(at)}</time>{' '}
      <span className="key-panel__muted">({formatDistanceStrict(at, Date.now(), { addSuffix: true })})</span>
    </dd>
  )
}

/** The key's created, expiry and last-used dates, absolute and relative. */
export function KeyDates({ apiKey, hasExpiry }: { apiKey: ApiKey; hasExpiry: boolean }) {
  return (
    <>
      <dt>Created</dt>
      <DateValue iso={apiKey.createdAt} none="Unknown" />
      {hasExpiry ? (
        <>
          <dt>Expires</dt>
          <DateValue iso={apiKey.expiresAt} none="Never" />
        </>
      ) : null}
      <dt>Last used</dt>
      <DateValue iso={apiKey.lastUsedAt} none="Never" />
    </>
  )
}
