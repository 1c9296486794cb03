import { z } from 'zod'

/** ISO 8601 UTC to the second (`2026-05-16T10:30:00Z`), as every dialect's wire format uses. */
export const toWireTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

export const toWireTimeOrNull = (date: Date | null): string | null => (date ? toWireTime(date) : null)

export const wholeSeconds = (date: Date): Date => new Date(Math.floor(date.getTime() / 1000) * 1000)

/** An ISO 8601 date-time with `Z` or an offset, parsed to a Date. */
export const isoDateTime = (field: string) =>
  z.iso
    .datetime({ offset: true, error: `${field} must be an ISO 8601 date-time, e.g. 2026-05-16T10:30:00Z.` })
    .transform((value) => new Date(value))

/** One calendar year after `now`, to the second: the wallet's default expiry ("one year from today"). */
export function oneYearAfter(now: Date): Date {
  const next = new Date(now.getTime())
  next.setUTCFullYear(next.getUTCFullYear() + 1)
  next.setUTCMilliseconds(0)
  return next
}
