import { useEffect, useMemo, useState } from 'react'
import type { PendingRevocation } from '@shared/domain/key-lifecycle'
import { useRevocationsStore } from '../../stores/revocations-store'
import { formatCountdown } from './format-countdown'

const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

/** The current time, once a second while `running`. */
function useSecondClock(running: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!running) return
    setNow(Date.now())
    const timer = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [running])
  return now
}

function PendingLine({ pending, now }: { pending: PendingRevocation; now: number }) {
  const due = Date.parse(pending.dueAt)
  const left = due - now
  return (
    <li className="pending-revocations__item">
      <p>
        {left > 0 ? (
          <>
            “{pending.keyName}” will be revoked in{' '}
            <time dateTime={pending.dueAt} title={fullDate.format(due)} className="pending-revocations__countdown">
              {formatCountdown(left)}
            </time>
          </>
        ) : (
          <>“{pending.keyName}” is being revoked now.</>
        )}
      </p>
      {pending.lastError ? (
        <p className="pending-revocations__error">Last try failed: {pending.lastError}; retrying.</p>
      ) : null}
    </li>
  )
}

/** Revocations waiting out a rotation's grace period in this profile, each with a countdown. */
export function PendingRevocations({ profileId }: { profileId: string }) {
  const all = useRevocationsStore((s) => s.pending)
  const pending = useMemo(
    () => all.filter((p) => p.profileId === profileId).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt)),
    [all, profileId],
  )
  const now = useSecondClock(pending.length > 0)
  if (pending.length === 0) return null
  return (
    <section className="pending-revocations" role="region" aria-label="Pending revocations">
      <h3 className="pending-revocations__title">Pending revocations</h3>
      <ul className="pending-revocations__list">
        {pending.map((p) => (
          <PendingLine key={p.id} pending={p} now={now} />
        ))}
      </ul>
    </section>
  )
}
