import type { KeyShape } from '@shared/domain/recognizer'
import { CHECKSUM_SYMBOLS } from './shapes'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

// CRC-32 (IEEE, as zlib's) by table, in JavaScript: a scan checks a checksum for every key-shaped
// run it meets, and for 40-symbol strings this is ten times faster than crossing into zlib.crc32.
const TABLE = new Int32Array(256)
for (let n = 0; n < 256; n++) {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  TABLE[n] = c
}

/** CRC-32 of an ASCII string (keys are base62, so one byte per symbol). */
export function crc32Ascii(text: string, end = text.length, start = 0): number {
  let c = -1
  for (let i = start; i < end; i++) c = TABLE[(c ^ text.charCodeAt(i)) & 0xff]! ^ (c >>> 8)
  return (c ^ -1) >>> 0
}

/** CRC32 of `random` as 6 base62 symbols, most significant first (as the sandbox writes it). */
export function crc32Base62(random: string): string {
  let n = crc32Ascii(random)
  let out = ''
  for (let i = 0; i < CHECKSUM_SYMBOLS; i++) {
    out = BASE62[n % 62] + out
    n = Math.floor(n / 62)
  }
  return out
}

/** True when a value of this shape carries a valid checksum, or the shape has none. */
export function checksumHolds(shape: KeyShape, value: string): boolean {
  if (shape.checksum === 'none') return true
  const start = shape.prefix.length
  const cut = value.length - CHECKSUM_SYMBOLS
  if (cut <= start) return false
  // Compare symbol by symbol from the least significant end, without building strings.
  let n = crc32Ascii(value, cut, start)
  for (let i = value.length - 1; i >= cut; i--) {
    if (value[i] !== BASE62[n % 62]) return false
    n = Math.floor(n / 62)
  }
  return true
}

/** As checksumHolds, on a value's bytes `data[start, end)` (the folder scan reads bytes, not strings). */
export function checksumHoldsInBytes(shape: KeyShape, data: Uint8Array, start: number, end: number): boolean {
  if (shape.checksum === 'none') return true
  const from = start + shape.prefix.length
  const cut = end - CHECKSUM_SYMBOLS
  if (cut <= from) return false
  let c = -1
  for (let i = from; i < cut; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8)
  let n = (c ^ -1) >>> 0
  for (let i = end - 1; i >= cut; i--) {
    if (data[i] !== BASE62_CODES[n % 62]) return false
    n = Math.floor(n / 62)
  }
  return true
}

const BASE62_CODES = Uint8Array.from(BASE62, (symbol) => symbol.charCodeAt(0))
