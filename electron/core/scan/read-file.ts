import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs'
import type { ScanSkipReason } from '@shared/contracts/identify'

/** A file's bytes (a view of the reader's buffer, valid until its next read), or why it was skipped. */
export type FileRead = { kind: 'read'; bytes: number; data: Buffer } | { kind: 'skipped'; reason: ScanSkipReason }

/** How far in a NUL byte marks a file as binary (git looks at the first 8000 bytes too). */
const SNIFF_BYTES = 8000

/**
 * Reads files for a scan into one buffer it reuses (grown to the largest file read, up to the limit),
 * or says why a file was skipped: binary, over the limit, unreadable, a broken or looping symlink,
 * changed while read, gone. One reader per thread.
 */
export class FileReader {
  private buffer = Buffer.allocUnsafe(64 * 1024)

  constructor(private readonly maxBytes: number) {}

  read(path: string): FileRead {
    let fd: number
    try {
      // Non-blocking: opening a FIFO does not wait for a writer (fstat then says it is no file).
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
    } catch (error) {
      return { kind: 'skipped', reason: openFailure(path, error) }
    }
    try {
      const before = fstatSync(fd)
      if (before.isDirectory()) return { kind: 'skipped', reason: 'symlink to folder' }
      if (!before.isFile()) return { kind: 'skipped', reason: 'unreadable' }
      if (before.size > this.maxBytes) return { kind: 'skipped', reason: 'too large' }
      if (before.size > this.buffer.length)
        this.buffer = Buffer.allocUnsafe(Math.max(before.size, this.buffer.length * 2))
      const buffer = this.buffer
      let filled = 0
      while (filled < before.size) {
        const n = readSync(fd, buffer, filled, before.size - filled, filled)
        if (n === 0) break
        filled += n
      }
      const after = fstatSync(fd)
      if (filled !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs)
        return { kind: 'skipped', reason: 'changed during scan' }
      const data = buffer.subarray(0, filled)
      if (data.subarray(0, SNIFF_BYTES).includes(0)) return { kind: 'skipped', reason: 'binary' }
      return { kind: 'read', bytes: filled, data }
    } catch {
      return { kind: 'skipped', reason: 'unreadable' }
    } finally {
      closeSync(fd)
    }
  }
}

/** One file read on its own (tests, one-off reads). */
export const readScannable = (path: string, maxBytes: number): FileRead => new FileReader(maxBytes).read(path)

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
