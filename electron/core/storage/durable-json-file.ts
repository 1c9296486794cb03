import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { z } from 'zod'

/**
 * A JSON file that survives a crash or a power cut at any moment: a write goes to a temporary file
 * in the same folder, is flushed to disk (fsync), renamed over the old one (atomic on every OS we
 * ship for) and the folder entry is flushed too. A reader sees the old file or the new one, never
 * half of one. Every file carries a format version; one that is corrupt or from a newer Keywarden
 * is moved aside (kept, never silently dropped) and the caller gets a message to show.
 */
export interface Versioned<T> {
  version: number
  data: T
}

export type DurableRead<T> =
  { status: 'absent' } | { status: 'ok'; data: T } | { status: 'moved-aside'; movedTo: string; message: string }

export function writeDurableJson<T>(path: string, version: number, data: T): void {
  mkdirSync(dirname(path), { recursive: true })
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
  const fd = openSync(temporary, 'w', 0o600)
  try {
    writeSync(fd, JSON.stringify({ version, data } satisfies Versioned<T>))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, path)
  syncFolder(dirname(path))
}

/** Reads a file written by `writeDurableJson`, checking its shape with `schema`. */
export function readDurableJson<T>(path: string, version: number, schema: z.ZodType<T>, what: string): DurableRead<T> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'absent' }
    throw error
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return moveAside(path, `${what} could not be read (it is not valid JSON)`)
  }
  const found = (parsed as Partial<Versioned<unknown>> | null)?.version
  if (typeof found !== 'number') return moveAside(path, `${what} has no format version`)
  if (found > version) {
    return moveAside(path, `${what} was written by a newer Keywarden (format ${found}; this one reads ${version})`)
  }
  const checked = schema.safeParse((parsed as Versioned<unknown>).data)
  if (!checked.success)
    return moveAside(path, `${what} is damaged (${checked.error.issues[0]?.message ?? 'bad shape'})`)
  return { status: 'ok', data: checked.data }
}

function moveAside(path: string, reason: string): DurableRead<never> {
  const movedTo = `${path}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`
  renameSync(path, movedTo)
  return { status: 'moved-aside', movedTo, message: `${reason}; it was moved aside to ${movedTo}.` }
}

function syncFolder(folder: string): void {
  // Windows cannot open a folder for fsync; the rename is durable there once it returns.
  if (process.platform === 'win32') return
  const fd = openSync(folder, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
