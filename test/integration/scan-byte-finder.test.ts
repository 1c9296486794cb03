import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { KeyRecognizer } from '@shared/domain/recognizer'
import { compileRecognizers, findInText } from '@core/identify/find-candidates'
import { allRecognizers } from '@core/identify/recognizers'
import { findInBytes, planForBytes } from '@core/scan/byte-finder'
import {
  GATEWAY_KEY_FORMAT,
  newKeyValue,
  PULSE_SECRET_FORMAT,
  randomBase62,
  WALLET_KEY_FORMAT,
} from '@sandbox/keys/key-format'
import { newPulsePublicId } from '@sandbox/pulse/credentials'

// The folder scan reads bytes with its own finder; pasted text and git history use the recognizers'
// regular expression. Both must find exactly the same keys, at the same lines and columns.

const broken = (v: string) => v.slice(0, -1) + (v.endsWith('0') ? '1' : '0')

/** Pieces of text that stress the edges: keys, near-keys, prefixes alone, long runs, odd bytes. */
const piece = fc.oneof(
  fc.constant(null).map(() => newKeyValue(GATEWAY_KEY_FORMAT)),
  fc.constant(null).map(() => newKeyValue(WALLET_KEY_FORMAT)),
  fc.constant(null).map(() => newKeyValue(PULSE_SECRET_FORMAT)),
  fc.constant(null).map(() => newPulsePublicId()),
  fc.constant(null).map(() => broken(newKeyValue(GATEWAY_KEY_FORMAT))),
  fc.constant(null).map(() => broken(newKeyValue(PULSE_SECRET_FORMAT))),
  fc.integer({ min: 1, max: 80 }).map((n) => randomBase62(n)),
  fc.constantFrom('apk_', 'wk_', 'apiKey-', 'apiKey', '_', '-', 'sk-live_', '.tok', 'x'),
  fc.constantFrom(' ', '\n', '\r\n', '"', "'", '=', ':', '/', '.', '\t', '\u00e9', '\u00ff', '\u0000'),
)
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''))

/** Prefixes with a non-word part before the word part, and one that starts with a non-word symbol. */
const odd: KeyRecognizer[] = [
  {
    dialect: 'odd',
    shapes: [
      {
        id: 'live',
        label: 'odd live key',
        kind: 'key',
        prefix: 'sk-live_',
        alphabet: '0-9a-z',
        length: { min: 10, max: 30 },
        checksum: 'none',
        masking: 'first3-last3',
      },
      {
        id: 'dot',
        label: 'odd dot token',
        kind: 'key-id',
        prefix: '.tok',
        alphabet: '0-9A-Z',
        length: { min: 5, max: 8 },
        checksum: 'none',
        masking: 'whole',
      },
    ],
  },
]

describe('the byte finder', () => {
  for (const [name, recognizers] of [
    ['the dialects', allRecognizers()],
    ['the dialects and odd prefixes', [...allRecognizers(), ...odd]],
  ] as const) {
    it(`finds what the regular expression finds (${name})`, () => {
      const compiled = compileRecognizers(recognizers)
      const plan = planForBytes(recognizers)
      expect(plan.regexOnly).toBe(false)
      fc.assert(
        fc.property(text, (t) => {
          expect(findInBytes(Buffer.from(t, 'latin1'), plan)).toEqual(findInText(t, compiled))
        }),
        { numRuns: 2000 },
      )
    })
  }

  it('finds planted keys at their line and column, and nothing in near-keys', () => {
    const gateway = newKeyValue(GATEWAY_KEY_FORMAT)
    const id = newPulsePublicId()
    const secret = newKeyValue(PULSE_SECRET_FORMAT)
    const body = [
      `const a = "${randomBase62(45)}"`,
      `  gateway: '${gateway}',`,
      `x-api-key: ${id}`,
      `x-api-secret: ${secret}`,
      `old: ${broken(newKeyValue(WALLET_KEY_FORMAT))} apk_${gateway.slice(4)}x`,
    ].join('\n')
    const finds = findInBytes(Buffer.from(body, 'latin1'), planForBytes(allRecognizers()))
    expect(finds.map((f) => [f.label, f.line, f.column, f.pairedId ?? null])).toEqual([
      ['gateway key', 2, 13, null],
      ['pulse secret', 4, 15, id],
    ])
  })

  it('falls back to the regular expression for an alphabet with non-word symbols', () => {
    const dashed: KeyRecognizer = {
      dialect: 'dashed',
      shapes: [
        {
          id: 'k',
          label: 'dashed key',
          kind: 'key-id',
          prefix: 'dk_',
          alphabet: '0-9a-f-',
          length: { min: 8, max: 8 },
          checksum: 'none',
          masking: 'whole',
        },
      ],
    }
    const plan = planForBytes([dashed])
    expect(plan.regexOnly).toBe(true)
    expect(findInBytes(Buffer.from('id dk_12ab-3cd end'), plan).map((f) => f.masked)).toEqual(['dk_12ab-3cd'])
  })
})
