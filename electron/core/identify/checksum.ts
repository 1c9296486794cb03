import { crc32 } from 'node:zlib'
import type { KeyShape } from '@shared/domain/recognizer'
import { CHECKSUM_SYMBOLS } from './shapes'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** CRC32 of `random` as 6 base62 symbols, most significant first (as the sandbox writes it). */
export function crc32Base62(random: string): string {
  let n = crc32(random)
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
  const body = value.slice(shape.prefix.length)
  if (body.length <= CHECKSUM_SYMBOLS) return false
  const cut = body.length - CHECKSUM_SYMBOLS
  return crc32Base62(body.slice(0, cut)) === body.slice(cut)
}
