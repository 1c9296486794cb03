import { createHash, randomBytes } from 'node:crypto'
import { crc32 } from 'node:zlib'

// Key values in the style of GitHub's tokens: a recognisable prefix, a long random part and a
// CRC32 checksum of the random part, so a mistyped or truncated key is refused without a lookup.

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
export const CHECKSUM_LENGTH = 6

export interface KeyFormat {
  /** e.g. `apk_`; '' for a bare secret. */
  prefix: string
  /** Base62 symbols of randomness (5.95 bits each) before the checksum. */
  randomLength: number
}

/** `apk_` + 34 random + 6 checksum = 40 symbols after the prefix (≈202 bits), as the seed's examples are long. */
export const GATEWAY_KEY_FORMAT: KeyFormat = { prefix: 'apk_', randomLength: 34 }
/** `wk_` + 34 random + 6 checksum. */
export const WALLET_KEY_FORMAT: KeyFormat = { prefix: 'wk_', randomLength: 34 }
/** Pulse secrets carry no prefix (docs: "40+ base62 with checksum"): 40 random + 6 checksum. */
export const PULSE_SECRET_FORMAT: KeyFormat = { prefix: '', randomLength: 40 }

// 248 = 4 × 62: bytes at or above it are dropped so every symbol is equally likely.
const UNBIASED_LIMIT = 248

/** Uniform base62 from the CSPRNG; one randomBytes call per value keeps bulk seeding fast. */
export function randomBase62(length: number): string {
  let out = ''
  while (out.length < length) {
    const bytes = randomBytes(Math.ceil((length - out.length) * 1.1) + 4)
    for (const byte of bytes) {
      if (byte >= UNBIASED_LIMIT) continue
      out += BASE62[byte % 62]
      if (out.length === length) break
    }
  }
  return out
}

/** CRC32 of the random part as 6 base62 symbols (62^6 > 2^32, so no information is lost). */
export function checksumOf(random: string): string {
  let n = crc32(random)
  let out = ''
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[n % 62] + out
    n = Math.floor(n / 62)
  }
  return out
}

export function newKeyValue(format: KeyFormat): string {
  const random = randomBase62(format.randomLength)
  return format.prefix + random + checksumOf(random)
}

const BASE62_ONLY = /^[0-9A-Za-z]+$/

/** True when `value` has the format's prefix, length, alphabet and a matching checksum. */
export function isWellFormedKey(value: string, format: KeyFormat): boolean {
  if (value.length !== format.prefix.length + format.randomLength + CHECKSUM_LENGTH) return false
  if (!value.startsWith(format.prefix)) return false
  const body = value.slice(format.prefix.length)
  if (!BASE62_ONLY.test(body)) return false
  return checksumOf(body.slice(0, format.randomLength)) === body.slice(format.randomLength)
}

/** `apk_abc***xyz`: the prefix, then the first and last three symbols after it. */
export function maskKey(value: string, format: KeyFormat): string {
  const body = value.slice(format.prefix.length)
  return `${format.prefix}${body.slice(0, 3)}***${body.slice(-3)}`
}

/** Public identifiers (not secrets): prefix + base62, e.g. `apk_` + 16 for gateway ids. */
export const newKeyId = (prefix: string, length = 16): string => prefix + randomBase62(length)

/** What is stored in place of a key or secret: its SHA-256, hex. */
export const secretSha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex')
