import type { KeyShape } from '@shared/domain/recognizer'

// Plain functions of a shape: the worker threads load this file, so it imports types only.

/** Symbols of the checksum at the end of a `crc32-base62` body. */
export const CHECKSUM_SYMBOLS = 6

/**
 * The shape as a regular expression source that JavaScript and ripgrep read the same way: the
 * prefix, then the alphabet in the length range, bounded by word boundaries so longer runs do not match.
 */
export function shapePattern(shape: KeyShape): string {
  const prefix = shape.prefix.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')
  return `\\b${prefix}[${shape.alphabet}]{${shape.length.min},${shape.length.max}}\\b`
}

/** The masked form the key list shows for a value of this shape. */
export function maskValue(shape: KeyShape, value: string): string {
  if (shape.masking === 'whole') return value
  const body = value.slice(shape.prefix.length)
  return `${shape.prefix}${body.slice(0, 3)}***${body.slice(-3)}`
}
