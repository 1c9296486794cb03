import { AppError } from '../errors'

/** A guard against a server whose pages never end (a `next` link or cursor that loops). */
export const MAX_PAGES = 1_000

export function tooManyPages(what: string): AppError {
  return new AppError(
    'BAD_RESPONSE',
    `The server returned more than ${MAX_PAGES} pages of ${what}; Keywarden stopped reading.`,
  )
}
