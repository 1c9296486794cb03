import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync } from 'node:fs'
import type { ScanSkipReason } from '@shared/contracts/identify'

export type FileRead = { kind: 'read'; bytes: number; text: string } | { kind: 'skipped'; reason: ScanSkipReason }

/** How far in a NUL byte marks a file as binary (git looks at the first 8000 bytes too). */
const SNIFF_BYTES = 8000

/**
 * Reads one file as latin1 text (keys are ASCII, so offsets are byte offsets), or says why it was
 * skipped: binary, over the limit, unreadable, a broken or looping symlink, changed while read, gone.
 */
export function readScannable(path: string, maxBytes: number): FileRead {
  let fd: number
  try {
    // stat first: opening a FIFO would wait for a writer.
    const stat = statSync(path)
    if (stat.isDirectory()) return { kind: 'skipped', reason: 'symlink to folder' }
    if (!stat.isFile()) return { kind: 'skipped', reason: 'unreadable' }
    if (stat.size > maxBytes) return { kind: 'skipped', reason: 'too large' }
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    return { kind: 'skipped', reason: openFailure(path, error) }
  }
  try {
    const before = fstatSync(fd)
    if (before.size > maxBytes) return { kind: 'skipped', reason: 'too large' }
    const buffer = Buffer.allocUnsafe(before.size)
    let filled = 0
    while (filled < buffer.length) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, filled)
      if (n === 0) break
      filled += n
    }
    const after = fstatSync(fd)
    if (filled !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs)
      return { kind: 'skipped', reason: 'changed during scan' }
    const sniff = buffer.subarray(0, Math.min(filled, SNIFF_BYTES))
    if (sniff.includes(0)) return { kind: 'skipped', reason: 'binary' }
    return { kind: 'read', bytes: filled, text: buffer.toString('latin1', 0, filled) }
  } catch {
    return { kind: 'skipped', reason: 'unreadable' }
  } finally {
    closeSync(fd)
  }
}

function openFailure(path: string, error: unknown): ScanSkipReason {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ELOOP') return 'symlink loop'
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    try {
      return lstatSync(path).isSymbolicLink() ? 'broken symlink' : 'vanished'
    } catch {
      return 'vanished'
    }
  }
  return 'unreadable'
}
