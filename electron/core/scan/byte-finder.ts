import { createHash } from 'node:crypto'
import type { KeyRecognizer, KeyShape } from '@shared/domain/recognizer'
import { checksumHoldsInBytes } from '../identify/checksum'
import {
  compileRecognizers,
  findInText,
  pairFinds,
  type CompiledRecognizers,
  type RawFind,
} from '../identify/find-candidates'
import { maskValue } from '../identify/shapes'

// The folder scan's finder: the same matches as the recognizers' regular expression (`\bprefix[alphabet]{min,max}\b`),
// found in a file's bytes without decoding them to a string. A key's body is a run of word symbols
// ([A-Za-z0-9_]) bounded by non-word symbols, so only word runs at least as long as the shortest key can hold one;
// the finder jumps from run to run and looks closer at the long ones. test/unit/byte-finder.test.ts holds it to
// the regular expression on generated text.

const WORD = new Uint8Array(256)
for (let b = 0; b < 256; b++) WORD[b] = /\w/.test(String.fromCharCode(b)) ? 1 : 0
const WORD_BIT = 1 << 30

interface BytesShape {
  recognizer: KeyRecognizer
  shape: KeyShape
  /** Bytes of the prefix before its trailing word symbols (`apiKey-`: all 7; `apk_`: none). */
  head: Uint8Array
  /** The prefix's trailing word symbols, which open the body's word run (`apk_`). */
  tail: Uint8Array
  /** 1 for each byte of the alphabet. */
  alphabet: Uint8Array
  /** This shape's bit in the plan's `classes`. */
  bit: number
  min: number
  max: number
}

export interface BytesPlan {
  compiled: CompiledRecognizers
  shapes: BytesShape[]
  /**
   * Per byte, the bits of the shapes whose alphabet holds it (up to 30 shapes; beyond, bodies are checked
   * byte by byte), and WORD_BIT for a word symbol: one lookup per byte answers both.
   */
  classes: Int32Array
  /** The shortest word run a key can sit in. */
  minRun: number
  /** An alphabet with non-word symbols: the run rule does not hold, the regular expression is used instead. */
  regexOnly: boolean
}

export function planForBytes(recognizers: readonly KeyRecognizer[]): BytesPlan {
  const compiled = compileRecognizers(recognizers)
  let regexOnly = false
  const classes = new Int32Array(256)
  const shapes = compiled.shapes.map(({ recognizer, shape }, index): BytesShape => {
    const prefix = Buffer.from(shape.prefix, 'latin1')
    let tailLength = 0
    while (tailLength < prefix.length && WORD[prefix[prefix.length - 1 - tailLength]!]) tailLength++
    const alphabet = new Uint8Array(256)
    const inClass = new RegExp(`^[${shape.alphabet}]$`)
    for (let b = 0; b < 256; b++) {
      alphabet[b] = inClass.test(String.fromCharCode(b)) ? 1 : 0
      if (alphabet[b] && !WORD[b]) regexOnly = true
      if (alphabet[b] && index < 30) classes[b]! |= 1 << index
    }
    return {
      recognizer,
      shape,
      head: prefix.subarray(0, prefix.length - tailLength),
      tail: prefix.subarray(prefix.length - tailLength),
      alphabet,
      bit: index < 30 ? 1 << index : 0,
      min: shape.length.min,
      max: shape.length.max,
    }
  })
  for (let b = 0; b < 256; b++) if (WORD[b]) classes[b]! |= WORD_BIT
  const minRun = Math.max(1, Math.min(...shapes.map((s) => s.tail.length + s.min)))
  return { compiled, shapes, classes, minRun, regexOnly }
}

const sha256 = (value: string): string => createHash('sha256').update(value, 'latin1').digest('hex')

function bytesAt(data: Uint8Array, at: number, expected: Uint8Array): boolean {
  if (at < 0 || at + expected.length > data.length) return false
  for (let i = 0; i < expected.length; i++) if (data[at + i] !== expected[i]) return false
  return true
}

/**
 * Where `shape` matches the word run [start, end), as the regular expression would: its start, or -1.
 * `runClasses` is the AND of the run's bytes' classes: it settles the alphabet of a body that is the whole run.
 */
function matchStart(data: Uint8Array, start: number, end: number, s: BytesShape, runClasses: number): number {
  const body = end - start - s.tail.length
  if (body < s.min || body > s.max) return -1
  if (!bytesAt(data, start, s.tail)) return -1
  const from = start - s.head.length
  if (s.head.length > 0) {
    if (!bytesAt(data, from, s.head)) return -1
    // `\b` before the prefix: its first symbol and the one before it differ in being word symbols.
    const before = from > 0 ? WORD[data[from - 1]!]! : 0
    if (before === WORD[s.head[0]!]) return -1
  }
  if (s.tail.length === 0 && s.bit !== 0) return runClasses & s.bit ? from : -1
  for (let i = start + s.tail.length; i < end; i++) if (!s.alphabet[data[i]!]) return -1
  return from
}

/**
 * Every key in `data` (the first `length` bytes of a file) with a valid checksum where its shape has
 * one, as RawFinds: masked and hashed, with 1-based line and column. Pulse ids and secrets are paired.
 */
export function findInBytes(data: Uint8Array, plan: BytesPlan): RawFind[] {
  if (plan.regexOnly)
    return findInText(Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1'), plan.compiled)
  const finds: RawFind[] = []
  const length = data.length
  const minRun = plan.minRun
  const classes = plan.classes
  let line = 1
  let lineStart = 0
  let counted = 0
  let taken = 0
  // `start` is always the first byte after a non-word byte (or 0).
  let start = 0
  while (start + minRun <= length) {
    const probe = start + minRun - 1
    let runClasses = classes[data[probe]!]!
    if (!(runClasses & WORD_BIT)) {
      start = probe + 1
      continue
    }
    let runStart = probe
    while (runStart > start) {
      const c = classes[data[runStart - 1]!]!
      if (!(c & WORD_BIT)) break
      runClasses &= c
      runStart--
    }
    let runEnd = probe + 1
    while (runEnd < length) {
      const c = classes[data[runEnd]!]!
      if (!(c & WORD_BIT)) break
      runClasses &= c
      runEnd++
    }
    start = runEnd + 1
    if (runEnd - runStart < minRun) continue
    let best = -1
    let bestShape: BytesShape | undefined
    for (const shape of plan.shapes) {
      const at = matchStart(data, runStart, runEnd, shape, runClasses)
      if (at >= taken && (best === -1 || at < best)) {
        best = at
        bestShape = shape
      }
    }
    if (!bestShape) continue
    taken = runEnd
    if (!checksumHoldsInBytes(bestShape.shape, data, best, runEnd)) continue
    const value = Buffer.from(data.buffer, data.byteOffset + best, runEnd - best).toString('latin1')
    for (let at = indexOfNewline(data, counted, best); at !== -1; at = indexOfNewline(data, at + 1, best)) {
      line++
      lineStart = at + 1
    }
    counted = best
    finds.push({
      dialect: bestShape.recognizer.dialect,
      shapeId: bestShape.shape.id,
      label: bestShape.shape.label,
      kind: bestShape.shape.kind,
      masked: maskValue(bestShape.shape, value),
      sha256: sha256(value),
      publicId: bestShape.shape.kind === 'key-id' ? value : null,
      line,
      column: best - lineStart + 1,
    })
  }
  return pairFinds(finds, plan.compiled)
}

/** The next `\n` in [from, before), or -1. */
function indexOfNewline(data: Uint8Array, from: number, before: number): number {
  const at = data.indexOf(10, from)
  return at !== -1 && at < before ? at : -1
}
