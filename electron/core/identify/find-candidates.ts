import { createHash } from 'node:crypto'
import type { KeyRecognizer, KeyShape } from '@shared/domain/recognizer'
import { checksumHolds } from './checksum'
import { maskValue, shapePattern } from './shapes'

/**
 * One recognised value, as it leaves the code that saw it: masked and hashed, never whole. A public
 * id (pulse `apiKey-…`) is kept, since the key list shows it whole.
 */
export interface RawFind {
  dialect: string
  shapeId: string
  label: string
  kind: KeyShape['kind']
  masked: string
  /** SHA-256 of the value, hex: compared with the keychain copies. */
  sha256: string
  /** The value itself where it is a public id; null for secrets. */
  publicId: string | null
  /** 1-based line and column of its first symbol. */
  line: number
  column: number
  /** The pulse id found next to this secret, when the dialect pairs them. */
  pairedId?: string
}

/** The recognizers compiled into one regular expression, with which group is which shape. */
export interface CompiledRecognizers {
  regex: RegExp
  shapes: Array<{ recognizer: KeyRecognizer; shape: KeyShape }>
}

export function compileRecognizers(recognizers: readonly KeyRecognizer[]): CompiledRecognizers {
  const shapes = recognizers.flatMap((recognizer) => recognizer.shapes.map((shape) => ({ recognizer, shape })))
  const source = shapes.map(({ shape }) => `(${shapePattern(shape)})`).join('|')
  return { regex: new RegExp(source || '(?!)', 'g'), shapes }
}

const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex')

/**
 * Every value in `text` that has one of the shapes and, where the shape has one, a valid checksum.
 * `text` may be a latin1 view of file bytes: keys are ASCII, so offsets and columns hold.
 */
export function findInText(text: string, compiled: CompiledRecognizers): RawFind[] {
  return pairFinds(findUnpaired(text, compiled, 1), compiled)
}

/** As findInText, without pairing, numbering lines from `firstLine` (for text read in chunks). */
export function findUnpaired(text: string, compiled: CompiledRecognizers, firstLine: number): RawFind[] {
  const finds: RawFind[] = []
  // Each thread has its own compiled recognizers and reads synchronously: the one RegExp is reused.
  const regex = compiled.regex
  regex.lastIndex = 0
  let line = firstLine
  let lineStart = 0
  let scanned = 0
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    let group = 1
    while (group < match.length && match[group] === undefined) group++
    const entry = compiled.shapes[group - 1]
    if (!entry) continue
    const value = match[0]
    if (!checksumHolds(entry.shape, value)) continue
    for (let at = text.indexOf('\n', scanned); at !== -1 && at < match.index; at = text.indexOf('\n', at + 1)) {
      line++
      lineStart = at + 1
    }
    scanned = match.index
    finds.push({
      dialect: entry.recognizer.dialect,
      shapeId: entry.shape.id,
      label: entry.shape.label,
      kind: entry.shape.kind,
      masked: maskValue(entry.shape, value),
      sha256: sha256(value),
      publicId: entry.shape.kind === 'key-id' ? value : null,
      line,
      column: match.index - lineStart + 1,
    })
  }
  return finds
}

/**
 * Where a dialect pairs a public id with a secret (pulse), a secret within `maxLines` of an id is
 * reported once, with the id that names it; the id is then not listed on its own.
 */
export function pairFinds(finds: RawFind[], compiled: CompiledRecognizers): RawFind[] {
  const used = new Set<RawFind>()
  const recognizers = new Set(compiled.shapes.map(({ recognizer }) => recognizer))
  for (const recognizer of recognizers) {
    const pair = recognizer.pair
    if (!pair) continue
    const ids = finds.filter((f) => f.dialect === recognizer.dialect && f.shapeId === pair.idShape)
    for (const secret of finds) {
      if (secret.dialect !== recognizer.dialect || secret.shapeId !== pair.secretShape) continue
      const nearest = ids
        .filter((id) => !used.has(id) && Math.abs(id.line - secret.line) <= pair.maxLines)
        .sort((a, b) => Math.abs(a.line - secret.line) - Math.abs(b.line - secret.line))[0]
      if (!nearest?.publicId) continue
      used.add(nearest)
      secret.pairedId = nearest.publicId
    }
  }
  return finds.filter((f) => !used.has(f))
}
