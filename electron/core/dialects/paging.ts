import type { ApiKey } from '@shared/domain/api-key'
import { AppError } from '../errors'

/** A guard against a server whose pages never end (a `next` link or cursor that loops). */
export const MAX_PAGES = 1_000

export function tooManyPages(what: string): AppError {
  return new AppError(
    'BAD_RESPONSE',
    `The server returned more than ${MAX_PAGES} pages of ${what}; Keywarden stopped reading.`,
  )
}

/**
 * Which page to read: by number (offset or page-number paging; the first page is `{ index: 0 }`), or
 * by the link or cursor the previous page gave.
 */
export type PageRef = { readonly index: number } | { readonly cursor: string }

export const FIRST_PAGE: PageRef = { index: 0 }

/** One page of keys, and what it says about the rest. */
export interface KeyPage {
  keys: ApiKey[]
  /** How many keys the list holds, where the server says. */
  total: number | null
  /**
   * How many pages there are, where the server says: then every other page can be read by number,
   * in parallel. Null where pages can only be followed one after another.
   */
  pageCount: number | null
  /** The page after this one; null on the last. */
  next: PageRef | null
}

/** A page reader that only understands page numbers was handed a cursor (a bug on our side). */
export function numberedOnly(ref: PageRef, dialect: string): number {
  if ('index' in ref) return ref.index
  throw new AppError('INTERNAL', `The ${dialect} dialect pages by number; it cannot follow a cursor.`)
}

/** Every page, one after another, following `next`: for callers that want the whole list at once. */
export async function collectPages(read: (ref: PageRef) => Promise<KeyPage>): Promise<ApiKey[]> {
  const keys: ApiKey[] = []
  let ref: PageRef | null = FIRST_PAGE
  for (let page = 0; ref !== null; page++) {
    if (page >= MAX_PAGES) throw tooManyPages('keys')
    const answer: KeyPage = await read(ref)
    keys.push(...answer.keys)
    ref = answer.next
  }
  return keys
}
