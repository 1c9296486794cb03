import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { ApiKey } from '@shared/domain/api-key'
import { open, seal, sealedSchema, type Sealed } from './cache-cipher'
import { cacheKeyMetadata } from './cache-metadata'

/**
 * The cache's format. Version 2 seals the list in parts, each with its own nonce and tag: a small
 * head (the first keys, the account, when it was saved, how many keys there are) in a file of its
 * own, which reads and opens in a few milliseconds and is shown at once, then parts of PART_KEYS
 * keys in a second file, opened one at a time. Every part's tag binds the profile, the account, the
 * write (a random id) and the part's place among all of them, so parts cannot be swapped between
 * writes or files, reordered or dropped unnoticed. Version 1 (one sealed list) is still read.
 */

export const FORMAT_VERSION = 2
/** Keys in the head: a first screen and more. */
export const HEAD_KEYS = 500
/** Keys in each part after the head. */
export const PART_KEYS = 10_000

export const fileSchema = z.union([
  z
    .object({
      version: z.literal(2),
      data: z
        .object({
          accountId: z.string().nullable(),
          writeId: z.string().min(1),
          parts: z.number().int().positive(),
          head: sealedSchema,
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      version: z.literal(1),
      data: z.object({ accountId: z.string().nullable(), sealed: sealedSchema }).strict(),
    })
    .strict(),
])
type CacheFile = z.infer<typeof fileSchema>

/** The second file: the parts after the head. */
export const partsFileSchema = z
  .object({
    version: z.literal(2),
    data: z.object({ writeId: z.string().min(1), parts: z.array(sealedSchema) }).strict(),
  })
  .strict()
type PartsFile = z.infer<typeof partsFileSchema>

const keysSchema = z.array(z.custom<ApiKey>((value) => typeof value === 'object' && value !== null && 'id' in value))
const headSchema = z.object({
  accountId: z.string().nullable(),
  savedAt: z.string(),
  total: z.number().int().nonnegative(),
  keys: keysSchema,
})
const partSchema = z.object({ keys: keysSchema }).strict()
const v1Schema = z.object({ accountId: z.string().nullable(), savedAt: z.string(), keys: keysSchema })

const contextOf = (version: number, profileId: string, accountId: string | null): string =>
  `keywarden key cache v${version}\u0000${profileId}\u0000${accountId ?? ''}`
const partContext = (profileId: string, accountId: string | null, writeId: string, part: number, parts: number) =>
  `${contextOf(2, profileId, accountId)}\u0000${writeId}\u0000${part}/${parts}`

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * The two files' `data` for a full list (no parts file for a list that fits in the head): metadata
 * only. Sealing 100,000 keys takes a while: it gives the event loop a turn after each part, so the
 * core keeps answering meanwhile.
 */
export async function sealList(
  profileId: string,
  accountId: string | null,
  keys: readonly ApiKey[],
  savedAt: string,
  key: Buffer,
): Promise<{ head: Extract<CacheFile, { version: 2 }>['data']; parts: PartsFile['data'] | null }> {
  const writeId = randomUUID()
  const count = 1 + Math.ceil(Math.max(0, keys.length - HEAD_KEYS) / PART_KEYS)
  const context = (part: number) => partContext(profileId, accountId, writeId, part, count)
  const headKeys = keys.slice(0, HEAD_KEYS).map(cacheKeyMetadata)
  const head = seal(JSON.stringify({ accountId, savedAt, total: keys.length, keys: headKeys }), key, context(0))
  const parts: Sealed[] = []
  for (let start = HEAD_KEYS, part = 1; start < keys.length; start += PART_KEYS, part++) {
    await nextTurn()
    const slice = keys.slice(start, start + PART_KEYS).map(cacheKeyMetadata)
    parts.push(seal(JSON.stringify({ keys: slice }), key, context(part)))
  }
  return { head: { accountId, writeId, parts: count, head }, parts: count > 1 ? { writeId, parts } : null }
}

/** A cache file opened: its head now, the other parts one at a time (each throws if it cannot be opened). */
export interface OpenedList {
  accountId: string | null
  /** The save the list comes from (null for a version 1 file). */
  writeId: string | null
  savedAt: string
  /** How many keys the list holds, the head's included. */
  total: number
  head: ApiKey[]
  /** The next part's keys; null when there are no more. Throws when the part cannot be opened. */
  next(): ApiKey[] | null
}

/**
 * Opens a parsed head file (throws when it cannot be opened or does not belong to this profile and
 * account). `readParts` reads the parts file, the first time a part is asked for.
 */
export function openList(file: CacheFile, profileId: string, key: Buffer, readParts: () => unknown): OpenedList {
  if (file.version === 1) {
    const { accountId, sealed } = file.data
    const plain = v1Schema.parse(JSON.parse(open(sealed, key, contextOf(1, profileId, accountId))))
    if (plain.accountId !== accountId) throw new Error('it names another account inside')
    const { savedAt, keys } = plain
    return { accountId, writeId: null, savedAt, total: keys.length, head: keys, next: () => null }
  }
  const { accountId, writeId, parts: count } = file.data
  const context = (part: number) => partContext(profileId, accountId, writeId, part, count)
  const head = headSchema.parse(JSON.parse(open(file.data.head, key, context(0))))
  if (head.accountId !== accountId) throw new Error('it names another account inside')
  let parts: Sealed[] | undefined
  let part = 1
  let seen = head.keys.length
  return {
    accountId,
    writeId,
    savedAt: head.savedAt,
    total: head.total,
    head: head.keys,
    next: () => {
      if (part >= count) {
        if (seen !== head.total) throw new Error('it holds fewer keys than it says')
        return null
      }
      if (parts === undefined) {
        const stored = partsFileSchema.parse(readParts()).data
        if (stored.writeId !== writeId || stored.parts.length !== count - 1)
          throw new Error('its parts were written by another save')
        parts = stored.parts
      }
      const { keys } = partSchema.parse(JSON.parse(open(parts[part - 1]!, key, context(part))))
      part++
      seen += keys.length
      if (seen > head.total) throw new Error('it holds more keys than it says')
      return keys
    },
  }
}
